package io.appc.validator.cli;

import io.appc.validator.finding.FileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks many inputs in one JVM on a fixed pool of threads, one per processor, and returns the
 * results in input order whatever order they finish in. A single input runs on the calling thread:
 * starting a pool costs more than it saves for one file.
 */
final class BatchRunner {
  private BatchRunner() {}

  static List<FileResult> run(
      List<Input> inputs, Function<Input, FileResult> check, Progress progress) {
    if (inputs.size() <= 1) {
      List<FileResult> results = new ArrayList<>();
      for (Input input : inputs) {
        results.add(checkOne(input, check));
      }
      return results;
    }
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), inputs.size());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "appc-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<FileResult>> futures = new ArrayList<>(inputs.size());
      for (Input input : inputs) {
        futures.add(
            pool.submit(
                () -> {
                  FileResult result = checkOne(input, check);
                  progress.advance(done.incrementAndGet(), inputs.size(), input.display());
                  return result;
                }));
      }
      List<FileResult> results = new ArrayList<>(inputs.size());
      for (Future<FileResult> future : futures) {
        results.add(await(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
      progress.finish();
    }
  }

  private static FileResult checkOne(Input input, Function<Input, FileResult> check) {
    try {
      return check.apply(input);
    } catch (RuntimeException | StackOverflowError e) {
      // A crash on one input is a bug in the validator, not a finding; name the input so the
      // bug can be reproduced.
      throw new IllegalStateException(
          "internal error while checking " + input.display() + ": " + e, e);
    }
  }

  private static FileResult await(Future<FileResult> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
