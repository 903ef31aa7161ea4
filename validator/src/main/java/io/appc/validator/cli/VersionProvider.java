package io.appc.validator.cli;

import io.appc.validator.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints, for every command. */
public final class VersionProvider implements IVersionProvider {
  /** The version of the specification the toolkit implements. */
  public static final String SPEC_VERSION = "0.8.11";

  @Override
  public String[] getVersion() {
    return new String[] {
      "appc " + ToolVersion.current() + " (App Container specification v" + SPEC_VERSION + ")"
    };
  }
}
