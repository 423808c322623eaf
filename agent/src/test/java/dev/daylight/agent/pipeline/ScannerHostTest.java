package dev.daylight.agent.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.platform.Os;
import dev.daylight.agent.scan.ScanContext;
import dev.daylight.protocol.Host;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerHostTest {
  @Test
  void aScanOfThisMachineNamesTheHostTheCollectorWillShow() throws Exception {
    Host host = Scanner.standard().scan(ScanContext.currentMachine().withWalkDepth(0)).host();
    assertThat(host.hostname()).isEqualTo(InetAddress.getLocalHost().getHostName());
    assertThat(host.user()).isEqualTo(System.getProperty("user.name"));
    assertThat(host.osVersion()).isNotBlank();
    assertThat(host.arch()).isNotBlank();
  }

  @Test
  void aFakeHomeScanNamesNoRealHost(@TempDir Path home) {
    Host host = Scanner.standard().scan(ScanContext.forHome(home, Os.MACOS)).host();
    assertThat(host.os()).isEqualTo("macos");
    assertThat(host.hostname()).isNull();
    assertThat(host.user()).isNull();
  }

  @Test
  void withoutHostProbesTheRealMachineIsNotDescribed() {
    Host host =
        Scanner.standard()
            .scan(ScanContext.currentMachine().withWalkDepth(0).withHostProbes(false))
            .host();
    assertThat(host.hostname()).isNull();
  }
}
