package dev.daylight.agent.guard;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first install ledgers kept a copy of each settings file (which may hold secrets). This puts
 * the file back as it was plus Daylight's pieces and records only hashes and pieces; where that
 * cannot be done exactly, it records that uninstall removes only Daylight's entry. Either way the
 * copy is gone once the new record has replaced it. Runs under the install lock.
 */
final class LedgerMigration {
  private static final Logger log = LoggerFactory.getLogger(LedgerMigration.class);

  private LedgerMigration() {}

  static void run(Path stateDir, List<HookTarget> targets) throws IOException {
    Path dir = InstallLedger.dir(stateDir);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> ledgers = Files.newDirectoryStream(dir, "*.json")) {
      for (Path ledger : ledgers) {
        String name = ledger.getFileName().toString();
        String client = name.replaceFirst("\\.(user|managed)\\.json$", "");
        Optional<HookTarget> target =
            targets.stream().filter(t -> t.client().equals(client)).findFirst();
        Optional<InstallLedger.Legacy> legacy;
        try {
          legacy = InstallLedger.legacy(ledger);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
          // Not a ledger, so useless for uninstall; it may still hold a settings copy: it goes.
          log.warn(
              "guard install ledger {} is not a ledger ({}); removed",
              name,
              e.getClass().getSimpleName());
          Files.deleteIfExists(ledger);
          continue;
        } catch (IOException e) {
          // Not readable now (permissions, I/O): kept for the next start, which tries again.
          log.warn(
              "guard install ledger {} could not be read ({}); kept",
              name,
              e.getClass().getSimpleName());
          continue;
        }
        if (target.isPresent() && legacy.isPresent()) {
          migrate(target.get(), legacy.get()).write(ledger);
          log.info(
              "guard install ledger {} re-recorded without a copy of {}",
              name,
              legacy.get().file());
        } else if (legacy.isPresent()) {
          // A client Daylight no longer knows: no exact re-record, but the copy still goes.
          InstallLedger.Legacy old = legacy.get();
          new InstallLedger(old.file(), true, null, false, List.of(), old.written()).write(ledger);
        }
      }
    }
  }

  private static InstallLedger migrate(HookTarget t, InstallLedger.Legacy old) {
    Path file = old.file();
    InstallLedger loose = new InstallLedger(file, true, null, false, List.of(), old.written());
    try {
      byte[] now = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
      if (now == null || !old.exact() || !old.written().equals(DigestUtils.sha256Hex(now))) {
        return loose;
      }
      Optional<String> command = SettingsEdit.command(new String(now, UTF_8), t);
      String original = old.original() == null ? null : new String(old.original(), UTF_8);
      if (command.isEmpty()
          || (original != null && !Arrays.equals(original.getBytes(UTF_8), old.original()))) {
        return loose;
      }
      SettingsSplice.Spliced spliced = SettingsSplice.install(original, t, command.get());
      String back = SettingsSplice.undo(spliced.text(), spliced.pieces()).orElse(null);
      if (back == null || !back.equals(original == null ? "" : original)) {
        return loose;
      }
      byte[] bytes = spliced.text().getBytes(UTF_8);
      SettingsFiles.write(file, bytes);
      return new InstallLedger(
          file,
          old.original() != null,
          old.original() == null ? null : DigestUtils.sha256Hex(old.original()),
          true,
          spliced.pieces(),
          DigestUtils.sha256Hex(bytes));
    } catch (IOException | SettingsEdit.Unusable | RuntimeException e) {
      // The copy goes regardless: losing byte-for-byte uninstall is better than keeping secrets.
      log.warn(
          "{} could not be re-recorded exactly ({}); uninstall will remove only Daylight's entry",
          file,
          e.getClass().getSimpleName());
      return loose;
    }
  }
}
