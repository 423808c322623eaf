package dev.daylight.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.daylight.protocol.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Just enough of the W3C WebDriver protocol, spoken over HTTP to Debian's chromedriver, to drive a
 * real headless Chromium. No Selenium: the protocol is a handful of JSON calls.
 */
public final class WebDriver implements AutoCloseable {
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private final HttpClient client = HttpClient.newHttpClient();
  private final Process driver;
  private final String base;
  private final String session;
  private final Path profile;

  private WebDriver(Process driver, String base, Path profile) throws Exception {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
    Map<String, Object> options =
        Map.of(
            "binary",
            "/usr/bin/chromium",
            "args",
            List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
    JsonNode r =
        call(
            "POST",
            "/session",
            Map.of(
                "capabilities",
                Map.of(
                    "alwaysMatch",
                    Map.of("browserName", "chrome", "goog:chromeOptions", options))));
    this.session = r.get("value").get("sessionId").asText();
  }

  /** Skips the calling test with a clear message when chromium or chromedriver is missing. */
  public static WebDriver start() throws Exception {
    Requires.that(
        Files.isExecutable(Path.of("/usr/bin/chromium")),
        "chromium not installed (/usr/bin/chromium): apt-get install chromium");
    Requires.that(
        Files.isExecutable(Path.of("/usr/bin/chromedriver")),
        "chromedriver not installed (/usr/bin/chromedriver): apt-get install chromium-driver");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port, "--allowed-ips=127.0.0.1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String base = "http://127.0.0.1:" + port;
    HttpClient probe = HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 20_000;
    while (true) {
      try {
        var res =
            probe.send(
                HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.currentTimeMillis() > deadline) {
        p.destroyForcibly();
        // chromedriver is there, so this is no missing tool to skip for: the test fails.
        throw new IllegalStateException("chromedriver did not start within 20 s");
      }
      Thread.sleep(100);
    }
    return new WebDriver(p, base, Files.createTempDirectory("daylight-chromium"));
  }

  private JsonNode call(String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    b =
        switch (method) {
          case "GET" -> b.GET();
          case "DELETE" -> b.DELETE();
          default ->
              b.POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
        };
    var res = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = Json.mapper().readTree(res.body());
    if (res.statusCode() != 200) {
      throw new IllegalStateException("webdriver " + path + ": " + res.body());
    }
    return json;
  }

  private String s(String path) {
    return "/session/" + session + path;
  }

  public void open(String url) throws Exception {
    call("POST", s("/url"), Map.of("url", url));
  }

  public String find(String css) throws Exception {
    return call("POST", s("/element"), Map.of("using", "css selector", "value", css))
        .get("value")
        .get(ELEMENT)
        .asText();
  }

  public void type(String css, String text) throws Exception {
    onElement(css, "POST", "/value", Map.of("text", text));
  }

  public void click(String css) throws Exception {
    onElement(css, "POST", "/click", Map.of());
  }

  public String text(String css) throws Exception {
    return onElement(css, "GET", "/text", null).get("value").asText();
  }

  /**
   * Finds the element and acts on it, finding it again when the page replaced it in between: the
   * dashboard re-renders a table when a later answer to the same search arrives.
   */
  private JsonNode onElement(String css, String method, String action, Object body)
      throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return call(method, s("/element/" + find(css) + action), body);
      } catch (IllegalStateException e) {
        if (attempt == 5 || !String.valueOf(e.getMessage()).contains("stale element reference")) {
          throw e;
        }
      }
    }
  }

  public JsonNode script(String js) throws Exception {
    return call("POST", s("/execute/sync"), Map.of("script", js, "args", List.of())).get("value");
  }

  /** Polls until the condition holds, for pages that load their data asynchronously. */
  public void await(String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!condition.get()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Waits until the console finished rendering the page it is on. */
  public void awaitPage(String page) throws InterruptedException {
    await(
        "page " + page,
        () -> {
          try {
            return script(
                    "var v = document.getElementById('view'); return v !== null && v.dataset.page === '"
                        + page
                        + "' && v.getAttribute('aria-busy') === 'false'")
                .asBoolean();
          } catch (Exception e) {
            return false;
          }
        });
  }

  public String attribute(String css, String name) throws Exception {
    return onElement(css, "GET", "/attribute/" + name, null).get("value").asText();
  }

  public void screenshot(Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(
        file,
        java.util.Base64.getDecoder()
            .decode(call("GET", s("/screenshot"), null).get("value").asText()));
  }

  public void windowSize(int width, int height) throws Exception {
    call("POST", s("/window/rect"), Map.of("width", width, "height", height));
  }

  public String textOrEmpty(String css) {
    try {
      return text(css);
    } catch (Exception e) {
      return "";
    }
  }

  @Override
  public void close() throws Exception {
    try {
      call("DELETE", s(""), null);
    } finally {
      driver.destroy();
      driver.waitFor();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
