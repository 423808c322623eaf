package dev.daylight.agent.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private final Redactor plain = Redactor.withKey(Optional.empty());
  private final Redactor keyed =
      Redactor.withKey(Optional.of("device-key".getBytes(StandardCharsets.UTF_8)));

  @Test
  void keyedMarkIsTwelveHexOfHmacAndStablePerValue() {
    String a = keyed.mark("ghp_secretvalue");
    assertThat(a).matches("<redacted:[0-9a-f]{12}>");
    assertThat(keyed.mark("ghp_secretvalue")).isEqualTo(a);
    assertThat(keyed.mark("ghp_othervalue")).isNotEqualTo(a);
    assertThat(plain.mark("ghp_secretvalue")).isEqualTo("<redacted>");
    // HMAC-SHA256("device-key", "abc"), first 6 bytes, from: echo -n abc | openssl dgst -sha256
    // -hmac device-key
    assertThat(keyed.mark("abc")).isEqualTo("<redacted:0c49c47a74ae>");
  }

  @Test
  void literalSecretEnvValuesLeaveFingerprintsReferencesDoNot() {
    ServerSecrets s = keyed.forServer();
    s.env("GITHUB_TOKEN", "ghp_0123456789abcdefghijklmnopqrstuvwxyz");
    s.env("API_KEY", "${env:API_KEY}");
    s.env("OTHER_TOKEN", "${input:token}");
    s.env("SLACK_TOKEN", "$SLACK_TOKEN");
    s.env("OPENCODE_KEY", "{env:OPENCODE_KEY}");
    s.env("LOG_LEVEL", "debug");
    s.env("ODD_NAME", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz");
    assertThat(s.fingerprints()).containsOnlyKeys("env.GITHUB_TOKEN", "env.ODD_NAME");
    assertThat(s.fingerprints().get("env.GITHUB_TOKEN")).startsWith("<redacted:");
  }

  /** Found order, so the printed inventory is the same from one run to the next. */
  @Test
  void fingerprintsComeInTheOrderTheSecretsWereFound() {
    ServerSecrets s = keyed.forServer();
    List<String> names =
        List.of("ZED_TOKEN", "API_KEY", "B_SECRET", "C_PASSWORD", "A_TOKEN", "Y_API_KEY");
    for (String n : names) {
      s.env(n, "literal-" + n);
    }
    s.header("Authorization", "Bearer abcdefghijklmnop");
    assertThat(s.fingerprints().keySet())
        .containsExactly(
            "env.ZED_TOKEN",
            "env.API_KEY",
            "env.B_SECRET",
            "env.C_PASSWORD",
            "env.A_TOKEN",
            "env.Y_API_KEY",
            "header.Authorization");
  }

  @Test
  void headerValuesAreFingerprintedOnlyWhenLiteral() {
    ServerSecrets s = plain.forServer();
    s.header("Authorization", "Bearer abcdef0123456789");
    s.header("X-Api-Key", "Bearer ${input:apiKey}");
    s.header("Accept", "application/json");
    assertThat(s.fingerprints()).containsOnlyKeys("header.Authorization");
  }

  @Test
  void databaseConnectionStringsLoseTheirPasswordsWhateverTheScheme() {
    ServerSecrets s = plain.forServer();
    List<String> out =
        s.args(
            List.of(
                "-y",
                "@modelcontextprotocol/server-postgres",
                "postgresql://admin:hunter2@db.internal/prod",
                "--both=mongodb+srv://u:pw-canary-1@a.example/x redis://:pw-canary-2@cache:6379"));
    assertThat(String.join(" ", out))
        .doesNotContain("hunter2", "pw-canary-1", "pw-canary-2")
        .contains("db.internal/prod", "cache:6379");
    assertThat(s.fingerprints()).containsKeys("arg.2", "arg.3");
  }

  @Test
  void tokenLookingArgsAreReplacedAndCounted() {
    ServerSecrets s = plain.forServer();
    List<String> out =
        s.args(
            List.of(
                "-y",
                "server-github",
                "--token",
                "abc123def456",
                "--api-key=xyz987",
                "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz",
                "--header",
                "Authorization: Bearer q1w2e3r4t5y6",
                "--token",
                "${input:tok}",
                "aZ9bY8cX7dW6eV5fU4gT3hS2iR1jQ0kP",
                "/tmp/some/path"));
    assertThat(out)
        .containsExactly(
            "-y",
            "server-github",
            "--token",
            "<redacted>",
            "--api-key=<redacted>",
            "GITHUB_TOKEN=<redacted>",
            "--header",
            "Authorization: <redacted>",
            "--token",
            "${input:tok}",
            "<redacted>",
            "/tmp/some/path");
    assertThat(s.fingerprints()).containsOnlyKeys("arg.3", "arg.4", "arg.5", "arg.7", "arg.10");
  }

  @Test
  void urlQueryValuesAndUserinfoAreAlwaysRedactedButOnlySecretsAreFingerprinted() {
    ServerSecrets s = plain.forServer();
    String url =
        s.url(
            "https://bob:hunter2@mcp.example.com/sse?transport=sse&api_key=k123&token=${env:T}#frag");
    assertThat(url)
        .isEqualTo(
            "https://<redacted>@mcp.example.com/sse?transport=<redacted>&api_key=<redacted>&token=${env:T}#frag");
    assertThat(s.fingerprints()).containsOnlyKeys("url.userinfo", "url.query.api_key");
  }

  @Test
  void fragmentValuesAreRedactedLikeQueryValues() {
    ServerSecrets s = plain.forServer();
    assertThat(s.url("https://mcp.example.com/mcp#access_token=abc123&expires_in=3600"))
        .isEqualTo("https://mcp.example.com/mcp#access_token=<redacted>&expires_in=<redacted>");
    assertThat(s.url("https://h.example/mcp?x=1#token=t0k3n"))
        .isEqualTo("https://h.example/mcp?x=<redacted>#token=<redacted>");
    assertThat(s.url("https://h.example/#api_key=k-1&key=k-2"))
        .isEqualTo("https://h.example/#api_key=<redacted>&key=<redacted>");
    // A single-page app's route: the question mark sits inside the fragment.
    assertThat(s.url("https://h.example/app#/callback?token=abc123"))
        .isEqualTo("https://h.example/app#/callback?token=<redacted>");
    assertThat(s.url("https://h.example/mcp#token=${env:TOKEN}"))
        .isEqualTo("https://h.example/mcp#token=${env:TOKEN}");
    assertThat(s.url("https://h.example/docs#section-2"))
        .isEqualTo("https://h.example/docs#section-2");
    assertThat(s.url("https://share.example/f/1#Xk29fjQpLm8Zt4Rb7Nc2Vw5Yh1Ds6Ga3"))
        .isEqualTo("https://share.example/f/1#<redacted>");
    assertThat(s.fingerprints())
        .containsOnlyKeys(
            "url.fragment.access_token",
            "url.fragment.token",
            "url.fragment.api_key",
            "url.fragment.key",
            "url.fragment");
  }

  @Test
  void fragmentTokensInArgsAreRedactedAndCounted() {
    ServerSecrets s = plain.forServer();
    List<String> out =
        s.args(
            List.of(
                "-y",
                "mcp-remote",
                "https://mcp.example.com/sse#access_token=abc123",
                "--url=https://x.example/mcp#/cb?key=k9"));
    assertThat(out)
        .containsExactly(
            "-y",
            "mcp-remote",
            "https://mcp.example.com/sse#access_token=<redacted>",
            "--url=https://x.example/mcp#/cb?key=<redacted>");
    assertThat(s.fingerprints()).containsOnlyKeys("arg.2", "arg.3");
  }

  @Test
  void userinfoInServerUrlsIsRedactedAndATokenAsUserIsCounted() {
    ServerSecrets s = plain.forServer();
    assertThat(s.url("https://user:pass@mcp.example.com/"))
        .isEqualTo("https://<redacted>@mcp.example.com/");
    assertThat(s.fingerprints()).containsOnlyKeys("url.userinfo");
    ServerSecrets t = plain.forServer();
    assertThat(t.url("https://ghp_0123456789abcdefghijklmnopqrstuvwxyz@mcp.example.com/x"))
        .isEqualTo("https://<redacted>@mcp.example.com/x");
    assertThat(t.fingerprints()).containsOnlyKeys("url.userinfo");
    ServerSecrets u = plain.forServer();
    assertThat(u.url("https://alice@mcp.example.com/x"))
        .isEqualTo("https://<redacted>@mcp.example.com/x");
    assertThat(u.fingerprints()).isEmpty();
    assertThat(u.args(List.of("https://user:pass@mcp.example.com/")))
        .containsExactly("https://<redacted>@mcp.example.com/");
  }

  @Test
  void aKeyInTheUrlPathIsRedactedToo() {
    ServerSecrets s = plain.forServer();
    assertThat(s.url("https://actions.example.com/mcp/sk-ak-0123456789abcdefghij/sse"))
        .isEqualTo("https://actions.example.com/mcp/<redacted>/sse");
    assertThat(s.fingerprints()).containsOnlyKeys("url.path");
  }

  @Test
  void secretKeyWordsMatchWholeWordsNotFragments() {
    assertThat(plain.secretKey("GITHUB_PERSONAL_ACCESS_TOKEN")).isTrue();
    assertThat(plain.secretKey("openaiApiKey")).isTrue();
    assertThat(plain.secretKey("x-api-key")).isTrue();
    assertThat(plain.secretKey("PATH")).isFalse();
    assertThat(plain.secretKey("KEYBOARD_LAYOUT")).isFalse();
    assertThat(plain.secretKey("AUTHOR_NAME")).isFalse();
  }

  @Test
  void aShellLineKeepsEverythingButItsSecretValues() {
    ServerSecrets s = keyed.forServer();
    List<String> out =
        s.args(
            List.of(
                "-c",
                "GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz docker run -i --rm -e GITHUB_TOKEN ghcr.io/github/github-mcp-server:v0.5",
                "TOKEN=\"$(op read op://vault/github/token)\" docker run -i --rm -e TOKEN mcp/github",
                "API_KEY='sk-live-abcdefghijklmnopqrstuv' npx -y some-mcp --api-key hunter2secret --port 3000"));
    assertThat(out.get(1))
        .matches(
            "GITHUB_TOKEN=<redacted:[0-9a-f]{12}> docker run -i --rm -e GITHUB_TOKEN "
                + "ghcr\\.io/github/github-mcp-server:v0\\.5");
    assertThat(out.get(2))
        .as("a command substitution fetches the secret; it is none")
        .isEqualTo(
            "TOKEN=\"$(op read op://vault/github/token)\" docker run -i --rm -e TOKEN mcp/github");
    assertThat(out.get(3))
        .startsWith("API_KEY=<redacted:")
        .endsWith(
            " npx -y some-mcp --api-key <redacted:"
                + keyed.mark("hunter2secret").substring(10)
                + " --port 3000")
        .doesNotContain("sk-live")
        .doesNotContain("hunter2");
    assertThat(s.fingerprints()).containsKeys("arg.1", "arg.3").doesNotContainKey("arg.2");
  }
}
