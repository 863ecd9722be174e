package org.peresvet.connector.board;

import java.util.Random;

/**
 * The plant behind the simulated board: a tank filled by a pump and drained by consumers. The
 * level rises while the pump runs and falls with a slowly varying demand; the discharge pressure
 * builds up when the pump runs and decays to the static head when it stops, with sensor noise;
 * the motor draws an inrush current for a second after start, then its running current.
 */
public final class PumpStationPhysics implements BoardPlant {
    private final Random random;
    private double level = 55.0;        // %
    private double pressure = 0.6;      // bar
    private double current = 0.0;       // A
    private boolean pump;
    private double sinceStart = 0;      // s
    private double time = 0;            // s

    public PumpStationPhysics(long seed) {
        this.random = new Random(seed);
    }

    /** Advances the plant by dt seconds. */
    public void step(double dt) {
        time += dt;
        double demand = 0.35 + 0.15 * Math.sin(time / 90.0);          // %/s
        double inflow = pump ? 0.9 : 0.0;                              // %/s
        level = clamp(level + (inflow - demand) * dt, 0, 100);
        double target = pump ? 3.2 + 0.004 * (100 - level) : 0.25 + level * 0.006;
        pressure += (target - pressure) * Math.min(1, dt / 1.5);
        if (pump) {
            sinceStart += dt;
            double running = 7.4 + 0.6 * (pressure - 3.0);
            current = sinceStart < 1.0 ? running * 3.5 : running;
        } else {
            current = 0;
        }
    }

    @Override
    public void setPump(boolean on) {
        if (on && !pump) {
            sinceStart = 0;
        }
        pump = on;
    }

    @Override
    public boolean pump() {
        return pump;
    }

    @Override
    public double level() {
        return level;
    }

    /** The pressure as the transmitter reads it (with noise). */
    @Override
    public double pressureReading() {
        return Math.max(0, pressure + random.nextGaussian() * 0.03);
    }

    /** The motor current as the current transformer reads it (noise only while running). */
    @Override
    public double currentReading() {
        return current == 0 ? 0 : Math.max(0, current + random.nextGaussian() * 0.08);
    }

    @Override
    public double wifiSignal() {
        return -58 + Math.round(random.nextGaussian() * 2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
