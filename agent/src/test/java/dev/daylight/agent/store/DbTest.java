package dev.daylight.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbTest {
  @TempDir Path dir;

  @Test
  void latestVersionConstantMatchesTheHighestBundledMigration() throws Exception {
    URL url = Db.class.getResource("migration");
    assertThat(url).isNotNull();
    int highest = 0;
    Pattern p = Pattern.compile("V(\\d+)__.*\\.sql");
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
      }
    }
    assertThat(Db.LATEST_VERSION).isEqualTo(highest);
  }

  @Test
  void aNewFileIsMigratedAndAReopenSeesTheCurrentSchema() throws Exception {
    try (Connection c = Db.open(dir)) {
      assertThat(Db.schemaVersion(c)).isEqualTo(Db.LATEST_VERSION);
    }
    try (Connection c = Db.open(dir)) {
      assertThat(Db.schemaVersion(c)).isEqualTo(Db.LATEST_VERSION);
      try (var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next() && rs.getString(1).equals("wal")).isTrue();
      }
    }
  }
}
