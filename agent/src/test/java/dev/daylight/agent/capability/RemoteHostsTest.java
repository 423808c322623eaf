package dev.daylight.agent.capability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.agent.json.JsonTrees;
import dev.daylight.protocol.Capability;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every entry of the two data files classifies as written; lookalike hosts do not. */
class RemoteHostsTest {
  @Test
  void everyKnownHostGivesItsClassesWithTheHostAsEvidence() throws Exception {
    JsonNode hosts = read("remote-hosts.json").path("hosts");
    assertThat(hosts.size()).isGreaterThanOrEqualTo(20);
    for (JsonNode h : hosts) {
      String host = h.path("host").asText();
      List<Capability> found = RemoteHosts.of("https://" + host + "/mcp?session=x").orElseThrow();
      assertThat(found)
          .extracting(Capability::cls)
          .as(host)
          .containsExactlyElementsOf(JsonTrees.strings(h, "classes"));
      found.forEach(c -> assertThat(c.evidence().kind()).isEqualTo("host"));
    }
  }

  @Test
  void subdomainsMatchAndLookalikesDoNot() {
    assertThat(RemoteHosts.of("https://bindings.mcp.cloudflare.com/sse").orElseThrow())
        .extracting(Capability::cls)
        .containsExactly("cloud-admin");
    assertThat(RemoteHosts.of("https://MCP.Stripe.com")).isPresent();
    assertThat(RemoteHosts.of("https://mcp.stripe.com.pay-now.example/mcp")).isEmpty();
    assertThat(RemoteHosts.of("https://evilmcp.stripe.com/mcp")).isEmpty();
    assertThat(RemoteHosts.of("not a url")).isEmpty();
    assertThat(RemoteHosts.of(null)).isEmpty();
  }

  @Test
  void everyKnownPackageGivesItsClassesHoweverItsScopeIsSpelled() throws Exception {
    for (JsonNode p : read("known-packages.json").path("packages")) {
      String purl = p.path("purl").asText();
      List<Capability> found = KnownPackages.of(purl + "@1.0.0").orElseThrow();
      assertThat(found)
          .extracting(Capability::cls)
          .as(purl)
          .containsExactlyElementsOf(JsonTrees.strings(p, "classes"));
      found.forEach(c -> assertThat(c.evidence().kind()).isEqualTo("known-package"));
    }
    assertThat(KnownPackages.of("pkg:npm/@modelcontextprotocol/server-slack").orElseThrow())
        .extracting(Capability::cls)
        .containsExactly("messaging");
    assertThat(KnownPackages.of("pkg:npm/postmark-mcp-pro")).isEmpty();
  }

  @Test
  void calledToolsGiveTheirClassesAndHarmlessOnesNothing() {
    assertThat(
            Capabilities.ofCalledTools(
                List.of("list_charges", "create_refund", "send_email", "get_weather")))
        .extracting(Capability::cls)
        .containsExactly("email-send", "payments");
    assertThat(Capabilities.ofCalledTools(List.of("get_weather", "add_numbers"))).isEmpty();
  }

  private static JsonNode read(String name) throws Exception {
    try (InputStream in = Capabilities.class.getResourceAsStream(name)) {
      return JsonTrees.read(in);
    }
  }
}
