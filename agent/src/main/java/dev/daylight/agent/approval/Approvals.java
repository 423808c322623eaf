package dev.daylight.agent.approval;

import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.store.Store;
import dev.daylight.agent.store.StoredFinding;
import dev.daylight.protocol.Capability;
import dev.daylight.protocol.ChangeEvent;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.Inventory;
import dev.daylight.protocol.McpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approving a whole server or class on this machine, and closing the findings an approval made moot
 * at once (a review, a policy pull), so the guard lets the next call through without waiting for
 * the next scan.
 */
public final class Approvals {
  private Approvals() {}

  /** True for {@code server:NAME} and {@code class:ID}, the subjects {@link #approve} takes. */
  public static boolean isSubject(String target) {
    return target.startsWith("server:") || target.startsWith("class:");
  }

  /**
   * Records the approval of {@code subject} and closes what it covers.
   *
   * @throws IllegalArgumentException for an unknown class id or an empty name
   */
  public static List<ChangeEvent> approve(Store store, String subject, String by, String reason) {
    String rest = subject.substring(subject.indexOf(':') + 1).strip();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("expected server:NAME or class:ID, got '" + subject + "'");
    }
    if (subject.startsWith("class:")) {
      ApprovalPolicy.check(List.of(rest), subject);
    }
    List<ChangeEvent> events = new ArrayList<>(store.approveSubject(subject, by, reason));
    events.addAll(closeApproved(store));
    return events;
  }

  /**
   * Resolves the open {@code unapproved-capability} findings whose server or class is now approved.
   */
  public static List<ChangeEvent> closeApproved(Store store) {
    Optional<Inventory> latest = store.latest();
    if (latest.isEmpty()) {
      return List.of();
    }
    StoreLedger ledger = new StoreLedger(store);
    List<String> moot = new ArrayList<>();
    for (StoredFinding sf : store.findings(true)) {
      Finding f = sf.finding();
      if (!f.rule().equals(Unapproved.RULE)) {
        continue;
      }
      for (McpServer s : latest.get().servers()) {
        if (s.id().equals(f.serverId()) && s.capabilities() != null) {
          for (Capability c : s.capabilities()) {
            if (Unapproved.id(s, c.cls()).equals(f.id())
                && Unapproved.approved(s, c.cls(), ledger)) {
              moot.add(f.id());
            }
          }
        }
      }
    }
    return store.resolveFindings(moot);
  }

  /** The words of a class ("can send email"), for front ends. */
  public static String words(String cls) {
    return Unapproved.words(cls);
  }

  /** Every class id, for messages. */
  public static List<String> classIds() {
    return Capabilities.classIds();
  }
}
