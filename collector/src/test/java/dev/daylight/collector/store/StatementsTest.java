package dev.daylight.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementsTest {
  @TempDir Path dir;

  @Test
  void reusesOnePreparedStatementPerConnectionWithNothingLeftOverFromTheLastUse() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("t.db");
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
      String sql = "INSERT INTO t (k, v) VALUES (?, ?)";
      PreparedStatement first = Statements.prepare(c, sql);
      first.setString(1, "a");
      first.setString(2, "left in a batch that never ran");
      first.addBatch();

      PreparedStatement again = Statements.prepare(c, sql);
      assertThat(again).isSameAs(first);
      again.setString(1, "b");
      again.setString(2, "2");
      again.addBatch();
      again.executeBatch();

      try (ResultSet rs = c.createStatement().executeQuery("SELECT group_concat(k) FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("b");
      }
    }
  }

  @Test
  void aNewConnectionGetsItsOwnStatementAndClosedOnesAreForgotten() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("u.db");
    String sql = "SELECT 1";
    PreparedStatement old;
    try (Connection c = DriverManager.getConnection(url)) {
      old = Statements.prepare(c, sql);
    }
    try (Connection c = DriverManager.getConnection(url)) {
      PreparedStatement fresh = Statements.prepare(c, sql);
      assertThat(fresh).isNotSameAs(old);
      assertThat(fresh.isClosed()).isFalse();
      assertThat(fresh.getConnection().isClosed()).isFalse();
    }
  }
}
