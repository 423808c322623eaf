package dev.daylight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PurlsTest {
  @Test
  void baseDropsVersionQualifiersAndSubpath() {
    assertThat(Purls.base("pkg:npm/postmark-mcp@1.0.16")).isEqualTo("pkg:npm/postmark-mcp");
    assertThat(Purls.base("pkg:npm/%40scope/Name@2.0.0?repository_url=x#sub"))
        .isEqualTo("pkg:npm/%40scope/name");
    assertThat(Purls.base("pkg:npm/@scope/name")).isEqualTo("pkg:npm/%40scope/name");
    assertThat(Purls.base("pkg:pypi/Mcp_Server.Fetch@1.0")).isEqualTo("pkg:pypi/mcp-server-fetch");
    assertThat(Purls.base("pkg:docker/library/nginx@sha256:abc"))
        .isEqualTo("pkg:docker/library/nginx");
  }

  @Test
  void versionComesFromThePurl() {
    assertThat(Purls.version("pkg:npm/postmark-mcp@1.0.16")).contains("1.0.16");
    assertThat(Purls.version("pkg:npm/@scope/name")).isEmpty();
    assertThat(Purls.version("pkg:npm/%40scope/name@3.1.0")).contains("3.1.0");
  }
}
