package dev.daylight.agent.approval;

import dev.daylight.agent.store.Store;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The approvals one store holds, read once: local subjects, the fleet's version-less decisions. */
final class StoreLedger implements Unapproved.Ledger {
  private final Store store;
  private final Set<String> local;
  private final Map<String, ReviewState> fleet = new HashMap<>();

  StoreLedger(Store store) {
    this.store = store;
    this.local = store.approvedSubjects();
    for (PolicyEntry e : store.policy()) {
      if (e.version() == null || e.version().isEmpty()) {
        fleet.put(e.subject(), e.decision());
      }
    }
  }

  @Override
  public boolean packageApproved(String purl, String version) {
    return store.trustState(purl, version) == ReviewState.APPROVED;
  }

  @Override
  public Optional<ReviewState> fleet(String subject) {
    return Optional.ofNullable(fleet.get(subject));
  }

  @Override
  public boolean local(String subject) {
    return local.contains(subject);
  }
}
