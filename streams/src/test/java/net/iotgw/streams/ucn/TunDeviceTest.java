package net.iotgw.streams.ucn;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link TunDevice#open} refuses before it asks the kernel anything. */
class TunDeviceTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "sixteen-chars-xx", "tun 0", "tun/0", "tun:0", ".", ".."})
  void refusesNamesTheKernelWouldNot(String name) {
    assertThrows(IllegalArgumentException.class, () -> TunDevice.open(name, 1280));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1279, 65536})
  void refusesMtusOutsideIpv6sRange_rfc8200_section5(int mtu) {
    assertThrows(IllegalArgumentException.class, () -> TunDevice.open("iotgwt0", mtu));
  }
}
