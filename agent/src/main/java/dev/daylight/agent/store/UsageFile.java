package dev.daylight.agent.store;

/**
 * How far the ledger has read one record file.
 *
 * @param identity the file's identity: its file key (device and inode) where the OS has one, else
 *     its path, so a rotated (renamed) file is recognised under its new name
 * @param offset bytes already read; the next pass starts here
 * @param modifiedMs last-modified time when read, for files that are rewritten whole
 * @param headHash hash of the file's first bytes; a different head means a new file in the same
 *     place
 * @param memo small per-format state carried between passes (a session's project folder, the last
 *     call ids seen); never arguments, results or text
 * @param skipped records skipped so far (malformed, oversized, unknown)
 * @param osUser the account whose home the file is in (all-users scans), empty for the caller's
 */
public record UsageFile(
    String identity,
    String path,
    String format,
    String client,
    long size,
    long offset,
    long modifiedMs,
    String headHash,
    String memo,
    long skipped,
    String osUser) {
  public UsageFile {
    osUser = osUser == null ? "" : osUser;
  }

  /** A file of the scanning user's own home. */
  public UsageFile(
      String identity,
      String path,
      String format,
      String client,
      long size,
      long offset,
      long modifiedMs,
      String headHash,
      String memo,
      long skipped) {
    this(identity, path, format, client, size, offset, modifiedMs, headHash, memo, skipped, "");
  }
}
