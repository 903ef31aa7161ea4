package io.appc.validator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reports how far a long run has got. */
interface Progress {
  /** Called once per finished input, from any thread. */
  void advance(int done, int total, String lastInput);

  /** Called once when the run ends. */
  void finish();

  Progress NONE =
      new Progress() {
        @Override
        public void advance(int done, int total, String lastInput) {}

        @Override
        public void finish() {}
      };

  /**
   * A one-line counter that rewrites itself on a terminal, at most ten times a second, and is
   * erased at the end so that it never mixes with the report.
   */
  static Progress onTerminal(PrintWriter err) {
    return new Progress() {
      private long lastPrint;
      private boolean printed;

      @Override
      public synchronized void advance(int done, int total, String lastInput) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 100_000_000L) {
          return;
        }
        lastPrint = now;
        printed = true;
        err.print("\r\033[K[" + done + "/" + total + "] " + lastInput);
        err.flush();
      }

      @Override
      public synchronized void finish() {
        if (printed) {
          err.print("\r\033[K");
          err.flush();
        }
      }
    };
  }

  /**
   * Whether standard error is a terminal. Java has no portable test for one stream; on Linux the
   * descriptor's link names the device, elsewhere a console counts.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }
}
