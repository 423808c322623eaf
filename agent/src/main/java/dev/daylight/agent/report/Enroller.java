package dev.daylight.agent.report;

import dev.daylight.agent.platform.HostFacts;
import dev.daylight.agent.platform.Layout;
import dev.daylight.agent.store.DeviceKey;
import dev.daylight.protocol.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Trades the enrollment secret for a node key and keeps it (0600) in the state dir. */
public final class Enroller {
  private Enroller() {}

  /**
   * @param caPem PEM text of the CA to trust, or null; @param pin certificate SHA-256, or null
   */
  public static Credentials enroll(
      Path stateDir, String collector, String secret, String caPem, String pin) throws IOException {
    var uri = Endpoint.parse(collector);
    if (caPem != null && pin != null) {
      throw new IllegalArgumentException("give --ca or --pin, not both");
    }
    String normalizedPin = pin == null ? null : Tls.normalizePin(pin);
    CollectorClient client = new CollectorClient(uri, caPem, normalizedPin);
    // The key this agent holds for the same collector proves the device is its own; the device id
    // alone does not (it is shown in exports).
    String proof = null;
    try {
      proof =
          Credentials.load(stateDir)
              .filter(old -> uri.toString().equals(old.collector()))
              .map(Credentials::nodeKey)
              .orElse(null);
    } catch (java.io.UncheckedIOException e) {
      // unreadable credentials: enroll without proof
    }
    CollectorClient.Enrolled node = client.enroll(secret, host(stateDir), proof);
    // The collector's signing key is pinned here, over the connection the agent just verified.
    Credentials c =
        new Credentials(
            uri.toString(), node.nodeId(), node.nodeKey(), caPem, normalizedPin, node.signingKey());
    c.save(stateDir);
    // A new node starts the collector's view with a full snapshot.
    return c;
  }

  /**
   * A device id that is stable for this state dir and says nothing about the device key: enrolling
   * again keeps the collector's node id for this machine.
   */
  static String deviceId(Path stateDir) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(DeviceKey.loadOrCreate(stateDir), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal("daylight-device-id".getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Host host(Path stateDir) {
    HostFacts facts = HostFacts.current();
    return new Host(
        deviceId(stateDir),
        facts.hostname(),
        Layout.currentMachine().os().wire(),
        facts.osVersion(),
        facts.arch(),
        facts.user(),
        null);
  }
}
