package dev.daylight.agent.approval;

import dev.daylight.agent.change.Trust;
import dev.daylight.agent.store.Store;
import dev.daylight.protocol.PolicyEntry;
import dev.daylight.protocol.ReviewState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The approvals one store holds, read once per scan (three queries, not a few per server): local
 * subjects, local reviews and the fleet's decisions. A package version's approval is the trust
 * lifecycle's own answer ({@link Trust#stateOf}).
 */
final class StoreLedger implements Unapproved.Ledger, Trust.Ledger {
  private final Set<String> local;
  private final Map<String, ReviewState> reviews;

  /**
   * subject (base purl, server:NAME, class:ID) + "@" + version ("" for every version) to decision.
   */
  private final Map<String, ReviewState> fleet = new HashMap<>();

  StoreLedger(Store store) {
    this.local = store.approvedSubjects();
    this.reviews = store.reviewStates();
    for (PolicyEntry e : store.policy()) {
      fleet.put(e.subject() + "@" + (e.version() == null ? "" : e.version()), e.decision());
    }
  }

  @Override
  public boolean packageApproved(String purl, String version) {
    return Trust.stateOf(new Trust.PackageVersion(purl, version), this) == ReviewState.APPROVED;
  }

  @Override
  public Optional<ReviewState> fleet(String subject) {
    return Optional.ofNullable(fleet.get(subject + "@"));
  }

  @Override
  public boolean local(String subject) {
    return local.contains(subject);
  }

  @Override
  public Optional<ReviewState> local(String purl, String version) {
    return Optional.ofNullable(reviews.get(purl + "@" + version));
  }

  /** Not needed: a version neither approved nor denied is unapproved, suspended or not. */
  @Override
  public Optional<String> baseline(String purl) {
    return Optional.empty();
  }

  @Override
  public Optional<ReviewState> fleet(String subject, String version) {
    ReviewState exact = version == null ? null : fleet.get(subject + "@" + version);
    return Optional.ofNullable(exact != null ? exact : fleet.get(subject + "@"));
  }
}
