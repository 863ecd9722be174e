package org.peresvet.app.alarm;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real horn: a short two-tone chime, generated (no sound file), played every
 * {@link #PERIOD_MILLIS} on a daemon thread through {@code javax.sound.sampled}. A machine without
 * an audio device (a server, a headless test) logs that once and stays silent: the alarm list
 * and banner still show everything.
 */
public final class ToneAlertSound implements AlertSound {
    private static final Logger LOG = LoggerFactory.getLogger(ToneAlertSound.class);
    static final int PERIOD_MILLIS = 2000;
    private static final float RATE = 22_050f;

    private final Object lock = new Object();
    private boolean sounding;
    private Thread player;
    private volatile boolean noDevice;

    @Override
    public void start() {
        synchronized (lock) {
            if (sounding) {
                return;
            }
            sounding = true;
            if (noDevice) {
                return;
            }
            player = new Thread(this::play, "peresvet-alert-sound");
            player.setDaemon(true);
            player.start();
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            sounding = false;
            if (player != null) {
                player.interrupt();
                player = null;
            }
        }
    }

    @Override
    public boolean isSounding() {
        synchronized (lock) {
            return sounding;
        }
    }

    private boolean stillWanted(Thread me) {
        synchronized (lock) {
            return sounding && player == me;
        }
    }

    private void play() {
        Thread me = Thread.currentThread();
        byte[] chime = chime();
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format, chime.length);
            line.start();
            while (stillWanted(me)) {
                line.write(chime, 0, chime.length);
                line.drain();
                Thread.sleep(PERIOD_MILLIS);
            }
            line.stop();
        } catch (InterruptedException stopped) {
            // stop() interrupts the wait between chimes
        } catch (Exception | LinkageError e) {
            noDevice = true;
            LOG.warn("No audio output for the alarm horn ({}); alarms are shown but not sounded", e.toString());
        }
    }

    /** 880 Hz then 660 Hz, 180 ms each, with soft edges so it does not click. */
    static byte[] chime() {
        int n = (int) (RATE * 0.18);
        byte[] out = new byte[4 * n];
        double[] freqs = {880, 660};
        for (int part = 0; part < 2; part++) {
            for (int i = 0; i < n; i++) {
                double edge = Math.min(1, Math.min(i, n - i) / (RATE * 0.01));
                double v = Math.sin(2 * Math.PI * freqs[part] * i / RATE) * edge * 0.4;
                short s = (short) (v * Short.MAX_VALUE);
                int at = 2 * (part * n + i);
                out[at] = (byte) s;
                out[at + 1] = (byte) (s >> 8);
            }
        }
        return out;
    }
}
