package dev.daylight.agent.release;

import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.intel.Ecosystems;
import dev.daylight.agent.store.Store;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.Finding;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.ReviewState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what one package version is compared with and returns the review: a suspended version
 * against its trusted baseline, else against the next older version the cache holds; a version seen
 * for the first time against the next older cached one, when there is one. Approved and denied
 * versions need no review.
 */
public final class Reviewer {
  private final Store store;
  private final Baselines baselines;
  private final List<InstalledPackage> cached;

  /** {@code cached}: what the latest scan found installed, for the next-older fallback. */
  public Reviewer(Store store, List<InstalledPackage> cached) {
    this.store = store;
    this.baselines = new Baselines(store);
    this.cached = List.copyOf(cached);
  }

  public List<Finding> review(String purl, String ecosystem, String version, String serverId) {
    String base = Purls.base(purl);
    ReviewState state = store.trustState(base, version);
    if (state == ReviewState.APPROVED || state == ReviewState.DENIED) {
      return List.of();
    }
    Optional<String> baseline = store.trustBaseline(base).filter(v -> !v.equals(version));
    boolean suspended = state == ReviewState.SUSPENDED;
    Optional<Fingerprint> to = baselines.stored(base, version);
    if (to.isEmpty()) {
      return suspended
          ? List.of(
              ReleaseReview.notCompared(
                  base,
                  baseline.orElse(null),
                  version,
                  "version " + version + " is not installed here, so its code was not read",
                  serverId))
          : List.of();
    }
    if (to.get().unreadable() != null) {
      return suspended
          ? List.of(
              ReleaseReview.notCompared(
                  base, baseline.orElse(null), version, to.get().unreadable(), serverId))
          : List.of();
    }
    Optional<Fingerprint> from =
        suspended ? baseline.flatMap(v -> baselines.stored(base, v)) : Optional.empty();
    if (from.isEmpty()) {
      from = nextOlder(base, ecosystem, version).flatMap(v -> baselines.stored(base, v));
    }
    if (from.isEmpty() || from.get().unreadable() != null) {
      return suspended
          ? List.of(
              ReleaseReview.notCompared(
                  base,
                  baseline.orElse(null),
                  version,
                  "no fingerprint of "
                      + baseline.orElse("the earlier version")
                      + " was kept and the cache holds no older version",
                  serverId))
          : List.of();
    }
    return ReleaseReview.compare(base, from.get(), to.get(), serverId, false);
  }

  /** The newest cached version older than {@code version}. */
  Optional<String> nextOlder(String base, String ecosystem, String version) {
    Comparator<String> order = Ecosystems.versionOrder(ecosystem);
    return cached.stream()
        .filter(p -> p.version() != null && Purls.base(p.purl()).equals(base))
        .map(InstalledPackage::version)
        .filter(v -> order.compare(v, version) < 0)
        .max(order);
  }
}
