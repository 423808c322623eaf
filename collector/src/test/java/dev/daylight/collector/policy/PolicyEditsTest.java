package dev.daylight.collector.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.daylight.collector.ApiException;
import dev.daylight.collector.fleet.MaliciousIntel;
import dev.daylight.collector.store.Database;
import dev.daylight.collector.store.WriteQueue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad guard or approval-classes edit is refused before it reaches the writer: it never costs a
 * batch (a failing write rolls back the batch it shares and retries the others one by one).
 */
class PolicyEditsTest {
  @TempDir Path tmp;
  Database db;
  WriteQueue writes;
  PolicyService policy;

  @BeforeEach
  void open() {
    db = Database.open("sqlite:" + tmp.resolve("c.db"));
    writes = new WriteQueue(db);
    policy = new PolicyService(db, writes, 900, new MaliciousIntel(db));
  }

  @AfterEach
  void close() {
    writes.close();
    db.close();
  }

  @Test
  void aBadGuardEditNeverReachesTheWriter() throws Exception {
    for (PolicyService.GuardEdit bad :
        List.of(
            new PolicyService.GuardEdit("strict", true, "sec"),
            new PolicyService.GuardEdit("enforce", true, null),
            new PolicyService.GuardEdit("enforce", true, "x".repeat(201)))) {
      assertThatThrownBy(() -> policy.editGuard(bad, 1_000))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(writes.stats().writes()).isZero();
    assertThat(policy.guard().mode()).isNull();

    policy.editGuard(new PolicyService.GuardEdit("enforce", true, "sec"), 1_000);
    assertThat(writes.stats().writes()).isEqualTo(1);
    assertThat(policy.guard().mode()).isEqualTo("enforce");
    assertThat(policy.guard().by()).isEqualTo("sec");
  }

  @Test
  void aBadApprovalClassesEditNeverReachesTheWriter() throws Exception {
    for (PolicyService.ApprovalClassesEdit bad :
        List.of(
            new PolicyService.ApprovalClassesEdit(List.of("no-such-class"), "sec", "why"),
            new PolicyService.ApprovalClassesEdit(List.of("email-send"), " ", "why"),
            new PolicyService.ApprovalClassesEdit(List.of("email-send"), "sec", null))) {
      assertThatThrownBy(() -> policy.editApprovalClasses(bad, 1_000))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(writes.stats().writes()).isZero();
    assertThat(policy.approvalClasses().classes()).isNull();
  }
}
