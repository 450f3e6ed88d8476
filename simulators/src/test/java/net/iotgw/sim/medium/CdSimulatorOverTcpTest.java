package net.iotgw.sim.medium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.radio.emulator.DongleEmulator;
import net.iotgw.radio.emulator.MediumSettings;
import net.iotgw.radio.rcp.RadioLink;
import net.iotgw.radio.rcp.RcpConfig;
import net.iotgw.radio.rcp.RcpSettings;
import net.iotgw.radio.serial.LinkAddress;
import net.iotgw.radio.serial.ReconnectSettings;
import net.iotgw.sim.cd.CdNetwork;
import net.iotgw.sim.cd.CdPopulation;
import net.iotgw.streams.dataplane.DataPlaneGraph;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.lowpan.EnforcementMode;
import net.iotgw.streams.lowpan.LinkKeyTable;
import net.iotgw.streams.lowpan.LinkResolver;
import net.iotgw.streams.lowpan.LowpanAdaptation;
import net.iotgw.streams.lowpan.LowpanConfig;
import net.iotgw.streams.lowpan.LowpanCounters;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * cd-sim's simulator behind the emulated dongle on a TCP port, driven by the gateway's own data
 * plane (in-memory UCN port, 6LoWPAN adaptation, RadioLink over TCP): the whole path of {@code
 * gateway run} with {@code device = tcp:...}, without root or a TUN.
 */
class CdSimulatorOverTcpTest {
  static final ActorSystem system = ActorSystem.create("cd-sim-over-tcp");
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final long GATEWAY_EUI64 = 0x0200_0000_0000_0000L;
  static final int PAN_ID = 0xabcd;
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aThousandBytePingToTheThirdCdIsAnsweredThroughTheGatewaysDataPlane() throws Exception {
    CdPopulation population = CdPopulation.of(new CdNetwork(PREFIX, PAN_ID, GATEWAY_EUI64), 5);
    try (CdSimulator simulator =
        CdSimulator.start(population, MediumSettings.defaults(), system)) {
      Tcp.ServerBinding binding =
          DongleEmulator.serveTcp(
                  simulator.medium(),
                  new LinkAddress.TcpEndpoint("127.0.0.1", 0),
                  DongleEmulator.DEFAULT_FACTORY_EUI64,
                  system)
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      int port = ((InetSocketAddress) binding.localAddress()).getPort();

      InMemoryPort ucn = InMemoryPort.create(system, "mem0", 1280, 16);
      RadioLink radio =
          RadioLink.create(
              LinkAddress.parse("tcp:127.0.0.1:" + port),
              new RcpConfig(26, PAN_ID, GATEWAY_EUI64, 0x0000),
              RcpSettings.defaults(),
              ReconnectSettings.defaults(),
              event -> {},
              system);
      // The simulated CDs do not secure their frames (yet): link security off, explicitly.
      LowpanConfig gateway =
          new LowpanConfig(PREFIX, GATEWAY_EUI64, 0x0000, PAN_ID, 8, 16_384,
                  Duration.ofSeconds(60))
              .withEnforcement(EnforcementMode.OPEN);
      DataPlaneGraph.create(
              ucn,
              LowpanAdaptation.create(
                  gateway,
                  new LinkKeyTable(),
                  LinkResolver.fromInterfaceIdentifiers(PREFIX),
                  LowpanAdaptation.MONOTONIC_MILLIS,
                  new LowpanCounters()),
              DataPlaneGraph.psdus(radio),
              Flow.fromSinkAndSource(Sink.ignore(), Source.never()),
              Flow.fromSinkAndSource(Sink.<IkeDatagram>ignore(), Source.<IkeDatagram>never()),
              new EspForwardingTable(),
              PREFIX,
              Optional.empty(),
              Optional.empty())
          .run(system);

      Ipv6Address cd3 = population.devices().get(2).address();
      byte[] data = new byte[1000];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) i;
      }
      byte[] request =
          Ipv6Codec.encode(Ipv6Packets.icmpEchoRequest(UD, cd3, 0x77, 1, data, 64));
      byte[] expected =
          Ipv6Codec.encode(
              Ipv6Packets.echoReplyFor(Ipv6Codec.decode(request).orThrow()).orThrow());
      // Until the RCP is up, the adaptation's frames wait (backpressure) or the port drops.
      byte[] reply = null;
      for (int attempt = 0; attempt < 10 && reply == null; attempt++) {
        ucn.inject(request);
        reply = ucn.nextSent(Duration.ofSeconds(2));
      }
      assertNotNull(reply, "no echo reply through the data plane");
      assertArrayEquals(expected, reply);
      ucn.close();
      binding.unbind();
      // The adapter publishes each CD's counters for readers on other threads.
      assertTrue(simulator.totals().pingsAnswered() >= 1, simulator.statsLine());
    }
  }
}
