package org.peresvet.connector.board;

import java.util.List;
import java.util.Random;

/**
 * The demo pump station as physics: a wet well of 1 m² filled by a varying inflow and emptied by
 * two pumps in parallel on one rising main. The flow is where the pump curve
 * {@code H = 32 − 0.0077·(Q/n)²} meets the system curve {@code H = (14 − level) + 0.0077·Q²} (m,
 * m³/h); the discharge pressure is that head, or the static column behind the check valve when the
 * pumps stand. A pump's motor draws current only while its relay is on and its motor protection has
 * not tripped; with the suction uncovered (level under 0.35 m) it runs dry: no flow, less current,
 * no pressure. An energy plug measures both motors. Faults are injected through the boards'
 * simulation switches: a motor trip per pump and an inflow surge. Each pump delivers through its
 * motorised discharge valve: it opens and closes in {@link #VALVE_TRAVEL_S} seconds on its command,
 * its limit switches say open and closed at the ends of travel, and a pump behind a valve that is
 * not at least half open runs against it (no flow, shut-off current). A valve can be made to stick
 * (it fails to open or to close) through two more simulation switches. Thread-safe; time is whatever
 * {@link #step} is given, so a test runs hours in seconds.
 */
public final class StationPhysics {
    /** Wet-well area, m². */
    public static final double AREA = 1.0;
    /** Span of the level transmitter, m (it reports % of it). */
    public static final double SPAN = 5.0;
    /** Inflow added by the simulated surge, m³/h. */
    public static final double SURGE = 22.0;
    /** Full stroke of a discharge valve, s. */
    public static final double VALVE_TRAVEL_S = 8.0;
    static final double SUCTION_LEVEL = 0.35;
    private static final double SHUTOFF_HEAD = 32.0;
    private static final double PUMP_K = 0.0077;
    private static final double PIPE_R = 0.0077;
    private static final double OUTLET_HEAD = 14.0;
    private static final double VOLTS = 230.0;
    private static final double POWER_FACTOR = 0.85;

    private final Random random;
    private final boolean[] relay = new boolean[2];
    private final boolean[] tripped = new boolean[2];
    private final double[] sinceStart = new double[2];
    private final double[] current = new double[2];
    private final boolean[] valveCommand = new boolean[2];
    private final double[] valvePosition = new double[2];
    private final boolean[] valveFailsToOpen = new boolean[2];
    private final boolean[] valveFailsToClose = new boolean[2];
    private boolean surge;
    private double level;
    private double time;
    private double flow;
    private double pressure = 1.1;
    private double energyKwh;
    private double inflowNow;

    public StationPhysics(long seed, double startLevel) {
        this.random = new Random(seed);
        this.level = startLevel;
    }

    /** The inflow to the well at a time, m³/h: a daily-like swell with shorter waves (6 … 30). */
    static double baseInflow(double t) {
        return 18 + 9 * Math.sin(2 * Math.PI * t / 3600) + 3 * Math.sin(2 * Math.PI * t / 780);
    }

    /** Advances the plant by dt seconds. */
    public synchronized void step(double dt) {
        if (!(dt > 0)) {
            return;
        }
        // Long steps are cut so the level stays stable however fast the clock runs.
        while (dt > 0) {
            double d = Math.min(dt, 1.0);
            advance(d);
            dt -= d;
        }
    }

    private void advance(double dt) {
        time += dt;
        inflowNow = baseInflow(time) + (surge ? SURGE : 0);
        moveValves(dt);
        int n = 0;
        for (int i = 0; i < 2; i++) {
            if (delivering(i)) {
                n++;
            }
        }
        boolean submerged = level > SUCTION_LEVEL;
        double staticHead = OUTLET_HEAD - level;
        double q = n > 0 && submerged ? Math.sqrt(Math.max(0, (SHUTOFF_HEAD - staticHead) / (PUMP_K / (n * n) + PIPE_R))) : 0;
        flow = q;
        double head = n == 0 ? staticHead - 2.5 : submerged ? staticHead + PIPE_R * q * q : 3.5;
        pressure += (head / 10.2 - pressure) * Math.min(1, dt / 1.5);
        level = Math.max(0, Math.min(SPAN, level + (inflowNow - q) / 3600 * dt / AREA));
        double watts = 0;
        for (int i = 0; i < 2; i++) {
            if (running(i)) {
                sinceStart[i] += dt;
                double run = q > 0 && delivering(i) ? 4.5 + 0.08 * q / n : 4.0;
                current[i] = sinceStart[i] < 1.0 ? run * 3.5 : run;
            } else {
                current[i] = 0;
            }
            watts += VOLTS * current[i] * POWER_FACTOR;
        }
        energyKwh += watts * dt / 3.6e6;
    }

    private boolean running(int i) {
        return relay[i] && !tripped[i];
    }

    /** A running pump delivers only through a valve at least half open. */
    private boolean delivering(int i) {
        return running(i) && valvePosition[i] >= 0.5;
    }

    /** Each valve travels towards its command unless it is stuck in that direction. */
    private void moveValves(double dt) {
        for (int i = 0; i < 2; i++) {
            double stroke = dt / VALVE_TRAVEL_S;
            if (valveCommand[i] && !valveFailsToOpen[i]) {
                valvePosition[i] = Math.min(1, valvePosition[i] + stroke);
            } else if (!valveCommand[i] && !valveFailsToClose[i]) {
                valvePosition[i] = Math.max(0, valvePosition[i] - stroke);
            }
        }
    }

    /** Opens (true) or closes the discharge valve of a pump. */
    public synchronized void setValve(int pump, boolean open) {
        valveCommand[pump] = open;
    }

    public synchronized boolean valveCommand(int pump) {
        return valveCommand[pump];
    }

    /** The open limit switch of a pump's valve: at the open end of its travel. */
    public synchronized boolean valveOpen(int pump) {
        return valvePosition[pump] >= 0.98;
    }

    /** The closed limit switch: at the closed end of its travel. */
    public synchronized boolean valveClosed(int pump) {
        return valvePosition[pump] <= 0.02;
    }

    /** A valve that will not open (it stays where it is when told to open). */
    public synchronized void setValveFailsToOpen(int pump, boolean on) {
        valveFailsToOpen[pump] = on;
    }

    public synchronized boolean valveFailsToOpen(int pump) {
        return valveFailsToOpen[pump];
    }

    /** A valve that will not close. */
    public synchronized void setValveFailsToClose(int pump, boolean on) {
        valveFailsToClose[pump] = on;
    }

    public synchronized boolean valveFailsToClose(int pump) {
        return valveFailsToClose[pump];
    }

    public synchronized void setRelay(int pump, boolean on) {
        if (on && !relay[pump]) {
            sinceStart[pump] = 0;
        }
        relay[pump] = on;
    }

    public synchronized boolean relay(int pump) {
        return relay[pump];
    }

    /** Trips (or resets) a pump's motor protection: the relay stays on, the motor stops. */
    public synchronized void setTripped(int pump, boolean on) {
        if (!on && tripped[pump]) {
            sinceStart[pump] = 0;
        }
        tripped[pump] = on;
    }

    public synchronized boolean tripped(int pump) {
        return tripped[pump];
    }

    public synchronized void setSurge(boolean on) {
        surge = on;
    }

    public synchronized boolean surge() {
        return surge;
    }

    /** Level in the well, m. */
    public synchronized double level() {
        return level;
    }

    /** Flow into the rising main, m³/h. */
    public synchronized double flow() {
        return flow;
    }

    /** Inflow to the well now, m³/h. */
    public synchronized double inflow() {
        return inflowNow;
    }

    /** Discharge pressure, bar. */
    public synchronized double pressure() {
        return pressure;
    }

    /** Motor current of a pump, A. */
    public synchronized double current(int pump) {
        return current[pump];
    }

    /** Energy drawn by both motors since the plant started, kWh. */
    public synchronized double energyKwh() {
        return energyKwh;
    }

    synchronized double noise(double sd) {
        return random.nextGaussian() * sd;
    }

    /** What the ESPHome board of pump {@code pump} (0 or 1) sees: its relay, its motor, the well and the header. */
    public BoardPlant pumpBoard(int pump) {
        return new PumpBoardView(pump);
    }

    /** What the Tasmota energy plug sees: both motors' current and energy. */
    public BoardPlant energyPlug() {
        return new PlugView();
    }

    private final class PumpBoardView implements BoardPlant {
        private static final String TRIP = "sim_trip";
        private static final String VALVE = "valve";
        private static final String VALVE_FTO = "sim_valve_fto";
        private static final String VALVE_FTC = "sim_valve_ftc";
        private final int pump;

        PumpBoardView(int pump) {
            this.pump = pump;
        }

        @Override
        public boolean pump() {
            return relay(pump);
        }

        @Override
        public void setPump(boolean on) {
            setRelay(pump, on);
        }

        @Override
        public double level() {
            return Math.max(0, StationPhysics.this.level() / SPAN * 100 + noise(0.05));
        }

        @Override
        public double pressureReading() {
            return Math.max(0, pressure() + noise(0.02));
        }

        @Override
        public double currentReading() {
            double c = current(pump);
            return c == 0 ? 0 : Math.max(0, c + noise(0.05));
        }

        @Override
        public double wifiSignal() {
            return -58 + Math.round(noise(2));
        }

        @Override
        public List<Sensor> extraSensors() {
            return pump == 0 ? List.of(new Sensor("flow", "Flow", "m³/h", "volume_flow_rate", 1)) : List.of();
        }

        @Override
        public List<Switch> extraSwitches() {
            Switch valve = new Switch(VALVE, "Discharge Valve");
            Switch fto = new Switch(VALVE_FTO, "Simulated valve fails to open");
            Switch ftc = new Switch(VALVE_FTC, "Simulated valve fails to close");
            return pump == 0 ? List.of(new Switch(TRIP, "Simulated motor trip"), new Switch("sim_surge", "Simulated inflow surge"), valve, fto, ftc)
                    : List.of(new Switch(TRIP, "Simulated motor trip"), valve, fto, ftc);
        }

        @Override
        public List<BinarySensor> binarySensors() {
            List<BinarySensor> limits = List.of(new BinarySensor("valve_open", "Valve Open", "opening", true),
                    new BinarySensor("valve_closed", "Valve Closed", "opening", true));
            // The station board says it is a simulation, so the workstation can show it (a real board has
            // no such sensor). Not retained: a real board later on the same broker must not inherit it.
            return pump == 0 ? List.of(limits.get(0), limits.get(1), new BinarySensor("simulation", "Simulated plant", "running", false))
                    : limits;
        }

        @Override
        public boolean binaryState(String objectId) {
            return switch (objectId) {
                case "valve_open" -> valveOpen(pump);
                case "valve_closed" -> valveClosed(pump);
                case "simulation" -> true;
                default -> false;
            };
        }

        @Override
        public double read(String objectId) {
            double f = flow();
            return "flow".equals(objectId) ? (f == 0 ? 0 : Math.max(0, f + noise(0.2))) : Double.NaN;
        }

        @Override
        public boolean switchState(String objectId) {
            return switch (objectId) {
                case TRIP -> tripped(pump);
                case "sim_surge" -> surge();
                case VALVE -> valveCommand(pump);
                case VALVE_FTO -> valveFailsToOpen(pump);
                case VALVE_FTC -> valveFailsToClose(pump);
                default -> false;
            };
        }

        @Override
        public void setSwitch(String objectId, boolean on) {
            switch (objectId) {
                case TRIP -> setTripped(pump, on);
                case "sim_surge" -> setSurge(on);
                case VALVE -> setValve(pump, on);
                case VALVE_FTO -> setValveFailsToOpen(pump, on);
                case VALVE_FTC -> setValveFailsToClose(pump, on);
                default -> {
                    // not a switch of this board
                }
            }
        }
    }

    private final class PlugView implements BoardPlant {
        private volatile boolean on = true;

        @Override
        public boolean pump() {
            return on;
        }

        @Override
        public void setPump(boolean v) {
            on = v;
        }

        @Override
        public double level() {
            return 0;
        }

        @Override
        public double pressureReading() {
            return 0;
        }

        @Override
        public double currentReading() {
            double c = current(0) + current(1);
            return c == 0 ? 0 : Math.max(0, c + noise(0.05));
        }

        @Override
        public double wifiSignal() {
            return -61 + Math.round(noise(2));
        }

        @Override
        public double energyKwh() {
            return StationPhysics.this.energyKwh();
        }

        @Override
        public boolean analogInputs() {
            return false;
        }
    }
}
