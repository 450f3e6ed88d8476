package net.iotgw.gateway.aaa;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.iotgw.gateway.aaa.Counters.Counter;
import net.iotgw.protocols.eap.EapCodec;
import net.iotgw.protocols.eap.EapPacket;
import net.iotgw.protocols.eap.EapType;
import net.iotgw.testing.Hostapd;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/** Devices, configs and conversations shared by the AAA tests. */
final class AaaTesting {

  static final String IDENTITY = "cd1@iot.example";
  static final byte[] PSK = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  static final byte[] OTHER_PSK = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  static final long CD1 = 0x0200000000000101L;
  static final long CD2 = 0x0200000000000102L;
  static final String SECRET = "radius-secret-for-tests";

  private AaaTesting() {}

  /** The hostapd under test as a configured RADIUS server. */
  static AaaConfig.Server server(Hostapd hostapd, String secret) throws java.io.IOException {
    return new AaaConfig.Server(
        hostapd.address(),
        new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), hostapd.port()),
        secret.getBytes(StandardCharsets.UTF_8));
  }

  static AaaConfig.Radius radius(List<AaaConfig.Server> servers, int sockets, Duration timeout) {
    return new AaaConfig.Radius(
        servers, sockets, timeout, 3, "iotgw-test", 10_000, Duration.ofSeconds(30));
  }

  static ActorRef<Aaa.Command> spawn(ActorTestKit kit, AaaConfig.Radius radius) {
    return kit.spawn(Aaa.create(new AaaConfig(radius, Duration.ofSeconds(60))));
  }

  static CdPeer.Outcome run(
      ActorTestKit kit, ActorRef<Aaa.Command> aaa, EapSessionId id, String identity, byte[] psk)
      throws Exception {
    return CdPeer.run(kit.system(), aaa, id, identity, psk)
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  static Aaa.Answer relay(
      ActorTestKit kit, ActorRef<Aaa.Command> aaa, EapSessionId id, byte[] eap) {
    TestProbe<Aaa.Answer> probe = kit.createTestProbe();
    aaa.tell(new Aaa.Relay(id, eap, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(20));
  }

  static Map<Counter, Long> counters(ActorTestKit kit, ActorRef<Aaa.Command> aaa) {
    TestProbe<Map<Counter, Long>> probe = kit.createTestProbe();
    aaa.tell(new Counters.Get(probe.ref()));
    return probe.receiveMessage();
  }

  static byte[] identityResponse(int identifier, String identity) {
    return EapCodec.encode(
        new EapPacket.Response(
            identifier, EapType.IDENTITY.id(), identity.getBytes(StandardCharsets.UTF_8)));
  }
}
