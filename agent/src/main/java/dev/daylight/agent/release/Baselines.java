package dev.daylight.agent.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.daylight.agent.capability.Capabilities;
import dev.daylight.agent.fingerprint.Fingerprint;
import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.agent.platform.FileAccess;
import dev.daylight.agent.store.Store;
import dev.daylight.identity.Purls;
import dev.daylight.protocol.InstalledPackage;
import dev.daylight.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fingerprints each installed package version the store has not seen yet and stores it, so the
 * baseline of a later review survives the cache's cleanup. A version already stored costs one set
 * lookup; new ones are read on a small pool (the machine's cores, at most four).
 */
final class Baselines {
  private static final Logger LOG = LoggerFactory.getLogger(Baselines.class);

  private final Store store;
  private final Fingerprinter fingerprinter = new Fingerprinter();

  Baselines(Store store) {
    this.store = store;
  }

  static String key(String purl, String version) {
    return Purls.base(purl) + "@" + version;
  }

  /**
   * Reads and stores the versions not stored yet, through {@code access} (the scanned home's
   * reads); returns how many were read.
   */
  int update(List<InstalledPackage> installed, FileAccess access) {
    Set<String> known = store.fingerprintKeys();
    Map<String, InstalledPackage> fresh = new LinkedHashMap<>();
    for (InstalledPackage p : installed) {
      if (p.version() != null
          && !"docker".equals(p.ecosystem())
          && !known.contains(key(p.purl(), p.version()))) {
        fresh.putIfAbsent(key(p.purl(), p.version()), p);
      }
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    int threads =
        Math.max(
            1, Math.min(4, Math.min(fresh.size(), Runtime.getRuntime().availableProcessors())));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "daylight-fingerprint");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Store.FingerprintRow>> rows = new ArrayList<>();
      for (InstalledPackage p : fresh.values()) {
        rows.add(pool.submit(() -> row(p, fingerprinter.of(p, access))));
      }
      List<Store.FingerprintRow> done = new ArrayList<>();
      for (Future<Store.FingerprintRow> f : rows) {
        done.add(f.get());
      }
      store.putFingerprints(done);
      return done.size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (ExecutionException e) {
      throw new IllegalStateException("fingerprinting failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Store.FingerprintRow row(InstalledPackage p, Fingerprint f) {
    if (f.unreadable() != null) {
      LOG.debug("{} not read: {}", p.purl(), f.unreadable());
    }
    String caps = f.unreadable() != null ? null : json(Capabilities.of(f));
    return new Store.FingerprintRow(
        Purls.base(p.purl()),
        p.version(),
        p.source(),
        p.installPath(),
        p.manifestSha256(),
        f.indicators().size(),
        json(f),
        caps,
        f.unreadable());
  }

  Optional<Fingerprint> stored(String purl, String version) {
    return store.fingerprint(purl, version).map(Baselines::read);
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a fingerprint", e);
    }
  }

  static List<dev.daylight.protocol.Capability> capabilities(String json) {
    try {
      return List.of(Json.mapper().readValue(json, dev.daylight.protocol.Capability[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored capabilities unreadable", e);
    }
  }

  static Fingerprint read(String body) {
    try {
      return Json.mapper().readValue(body, Fingerprint.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored fingerprint unreadable", e);
    }
  }
}
