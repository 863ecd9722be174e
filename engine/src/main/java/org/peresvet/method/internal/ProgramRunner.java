package org.peresvet.method.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program without a shell: the executable and its arguments as a list, the
 * input on stdin, stdout read up to a limit, stderr kept for the log, a timeout after which the
 * process (and its children) is killed. Interrupting the calling thread kills it too.
 */
public final class ProgramRunner {
    private static final int STDERR_KEEP = 4096;

    /** How a run ended. {@code failure} is null for success (exit code 0 within limits). */
    public record Outcome(int exitCode, String stdout, String stderr, String failure) {
    }

    private ProgramRunner() {
    }

    public static Outcome run(String program, List<String> args, byte[] stdin, long timeoutMillis, int maxOutput,
                              Executor io) throws InterruptedException {
        List<String> cmd = new ArrayList<>(args.size() + 1);
        cmd.add(program);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            return new Outcome(-1, "", "", "cannot start " + program + ": " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readLimited(p.getInputStream(), maxOutput), io);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readLimited(p.getErrorStream(), STDERR_KEEP), io);
            CompletableFuture.runAsync(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // The program does not read its input, or exited early: its exit code tells.
                }
            }, io);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            byte[] stdout;
            try {
                stdout = out.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill(p);
                return new Outcome(-1, "", text(err), "timed out after " + timeoutMillis + " ms; the program was stopped");
            } catch (ExecutionException e) {
                kill(p);
                return new Outcome(-1, "", "", "reading the program's output failed: " + e.getCause());
            }
            if (stdout.length > maxOutput) {
                kill(p);
                return new Outcome(-1, "", text(err), "the program wrote more than " + maxOutput
                        + " bytes to its output; it was stopped");
            }
            long left = Math.max(0, deadline - System.nanoTime());
            if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                kill(p);
                return new Outcome(-1, new String(stdout, StandardCharsets.UTF_8), text(err),
                        "timed out after " + timeoutMillis + " ms; the program was stopped");
            }
            String stdoutText = new String(stdout, StandardCharsets.UTF_8);
            int code = p.exitValue();
            // The process has exited, but its error stream may still be being read: wait for it briefly.
            String stderrText = finished(err, Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1000));
            if (code != 0) {
                return new Outcome(code, stdoutText, stderrText, "exited with code " + code
                        + (stderrText.isBlank() ? "" : ": " + stderrText.strip()));
            }
            return new Outcome(0, stdoutText, stderrText, null);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Reads up to {@code limit + 1} bytes (one more tells the limit was passed), then drains nothing more. */
    private static byte[] readLimited(InputStream in, int limit) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int room = limit + 1 - buf.size();
                buf.write(chunk, 0, Math.min(n, room));
                if (buf.size() > limit) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // The process was killed: what was read so far is the output.
        }
        return buf.toByteArray();
    }

    private static String finished(CompletableFuture<byte[]> err, long waitMillis) throws InterruptedException {
        try {
            err.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // use what was read so far
        }
        return text(err);
    }

    private static String text(CompletableFuture<byte[]> err) {
        try {
            byte[] b = err.getNow(new byte[0]);
            return new String(b, 0, Math.min(b.length, STDERR_KEEP), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
