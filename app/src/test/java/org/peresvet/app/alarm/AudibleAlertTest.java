package org.peresvet.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When the horn sounds: the decision, with the sound recorded (no audio hardware here). */
class AudibleAlertTest {
    private final RecordingAlertSound sound = new RecordingAlertSound();
    private final AudibleAlert horn = new AudibleAlert(sound);
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void soundsUntilEveryAlarmIsAcknowledged() {
        horn.update(Set.of());
        assertThat(sound.calls()).isEmpty();
        horn.update(Set.of(a));
        horn.update(Set.of(a, b));
        assertThat(sound.isSounding()).isTrue();
        horn.update(Set.of(b));
        assertThat(sound.isSounding()).as("one alarm still waits").isTrue();
        horn.update(Set.of());
        assertThat(sound.calls()).containsExactly("start", "stop");
    }

    @Test
    void silenceHoldsForTheAlarmsWaitingAndANewAlarmSoundsAgain() {
        horn.update(Set.of(a));
        horn.silence();
        assertThat(sound.isSounding()).isFalse();
        assertThat(horn.silencedProperty().get()).isTrue();
        horn.update(Set.of(a));
        assertThat(sound.isSounding()).as("the same alarm stays silenced").isFalse();
        horn.update(Set.of(a, b));
        assertThat(sound.isSounding()).as("a new alarm is not hidden by an old silence").isTrue();
        assertThat(horn.silencedProperty().get()).isFalse();
        horn.toggleSilence();
        horn.update(Set.of());
        assertThat(horn.silencedProperty().get()).as("nothing left to silence").isFalse();
        assertThat(sound.calls()).containsExactly("start", "stop", "start", "stop");
    }

    @Test
    void silencingNothingDoesNothing() {
        horn.silence();
        assertThat(horn.silencedProperty().get()).isFalse();
    }

    @Test
    void theRealToneIsAShortSoftChimeAndFailsQuietlyWithoutADevice() throws Exception {
        byte[] chime = ToneAlertSound.chime();
        assertThat(chime.length).isEqualTo(4 * (int) (22_050 * 0.18));
        assertThat(chime[0]).as("soft start, no click").isZero();
        ToneAlertSound tone = new ToneAlertSound();
        tone.start();
        assertThat(tone.isSounding()).isTrue();
        Thread.sleep(300); // with or without an audio device, nothing is thrown here
        tone.stop();
        assertThat(tone.isSounding()).isFalse();
        tone.close();
    }
}
