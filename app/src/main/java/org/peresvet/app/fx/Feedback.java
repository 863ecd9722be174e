package org.peresvet.app.fx;

/** Short messages to the user about what just happened (the shell shows them in the status bar). */
public interface Feedback {
    void info(String message);

    /** Something was refused or failed: shown as abnormal, with the reason. */
    void error(String message);

    Feedback NONE = new Feedback() {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }
    };
}
