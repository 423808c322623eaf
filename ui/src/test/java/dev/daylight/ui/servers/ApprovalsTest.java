package dev.daylight.ui.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.protocol.Approval;
import dev.daylight.protocol.Severity;
import dev.daylight.ui.InMemoryData;
import dev.daylight.ui.data.ServerRow;
import dev.daylight.ui.data.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words for a server its client's policy blocks, next to the ones for the user's answers. */
class ApprovalsTest {
  private static final String REASON =
      "denied by deniedMcpServers serverName \"mailer\" in /etc/claude-code/managed-settings.json";

  private static ServerRow mailer() {
    return InMemoryData.row(
        "s-mailer",
        "claude-code",
        "mailer",
        null,
        ServerStatus.UNREVIEWED,
        "/home/ada/code/shop/.mcp.json",
        3,
        "npx -y mailer-mcp",
        List.of(
            InMemoryData.finding(
                "f",
                "unpinned-package",
                Severity.MEDIUM,
                "mailer-mcp is not pinned",
                "s-mailer",
                null,
                "x",
                3,
                "",
                "Pin it.")));
  }

  @Test
  void aBlockedServerIsExplainedWithTheAgentsReasonWhateverTheUserAnswered() {
    ServerRow blocked =
        InMemoryData.blocked(InMemoryData.answered(mailer(), Approval.PENDING), REASON);

    assertThat(Approvals.explanation(blocked))
        .contains("⊘ Blocked by Claude Code's policy, so it is not running: " + REASON + ".");
    assertThat(Approvals.reportLine(blocked))
        .hasValueSatisfying(l -> assertThat(l).endsWith(REASON));
    assertThat(Approvals.notice(blocked))
        .contains("Blocked by Claude Code's policy, so it is not running.");
  }

  @Test
  void aServerThatRunsHasNoExplanationNorNotice() {
    assertThat(Approvals.explanation(mailer())).isEmpty();
    assertThat(Approvals.notice(mailer())).isEmpty();
    assertThat(Approvals.notice(InMemoryData.answered(mailer(), Approval.APPROVED))).isEmpty();
    assertThat(Approvals.notice(InMemoryData.answered(mailer(), Approval.PENDING)))
        .hasValueSatisfying(
            n -> assertThat(n).startsWith("Waiting for your approval in Claude Code"));
  }
}
