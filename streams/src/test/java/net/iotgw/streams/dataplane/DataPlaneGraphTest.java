package net.iotgw.streams.dataplane;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.FrameVersion;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.ieee802154.MacHeader;
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.protocols.sixlowpan.IphcCompressor;
import net.iotgw.protocols.sixlowpan.IphcDecompressor;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import net.iotgw.streams.esp.EspForwardingTable;
import net.iotgw.streams.esp.IkeDatagram;
import net.iotgw.streams.lowpan.LinkKeyTable;
import net.iotgw.streams.lowpan.LinkResolver;
import net.iotgw.streams.lowpan.LowpanAdaptation;
import net.iotgw.streams.lowpan.LowpanConfig;
import net.iotgw.streams.lowpan.LowpanCounters;
import net.iotgw.streams.pcap.LinkType;
import net.iotgw.streams.pcap.PcapWriter;
import net.iotgw.streams.ucn.InMemoryPort;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPlaneGraphTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Ipv6Prefix PREFIX = Ipv6Prefix.of("2001:db8:cd::/64");
  static final LowpanConfig GATEWAY =
      new LowpanConfig(PREFIX, 0x0200_0000_0000_0000L, 0x0000, 0xabcd, 8, 16_384,
          Duration.ofSeconds(60));

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void aPacketFromTheUcnLeavesAsFragmentsAndBothSidesAreCapturedUntilThePortCloses(
      @TempDir Path dir) throws Exception {
    InMemoryPort port = InMemoryPort.create(kit.system(), "mem0", 1280, 16);
    BlockingQueue<byte[]> onAir = new LinkedBlockingQueue<>();
    Flow<byte[], byte[], NotUsed> radio =
        Flow.fromSinkAndSource(Sink.foreach(onAir::add), Source.<byte[]>never());
    Path ucnPcap = dir.resolve("ucn.pcap");
    Path radioPcap = dir.resolve("radio.pcap");
    LinkKeyTable keys = new LinkKeyTable();
    // The CD 2001:db8:cd::1 (EUI-64 02:00:00:00:00:00:00:01) is admitted: its frames are secured.
    keys.install(0x0200_0000_0000_0001L, LinkKey.of(new byte[16]));
    DataPlaneGraph.Running running =
        DataPlaneGraph.create(
                port,
                adaptation(keys),
                radio,
                noControlPlane(),
                noIkePort(),
                new EspForwardingTable(),
                PREFIX,
                Optional.of(PcapWriter.create(ucnPcap, LinkType.IPV6, Clock.systemUTC())),
                Optional.of(
                    PcapWriter.create(radioPcap, LinkType.IEEE802_15_4_WITHFCS, Clock.systemUTC())))
            .run(kit.system());

    byte[] ping =
        Ipv6Codec.encode(
            Ipv6Packets.icmpEchoRequest(
                Ipv6Address.of("2001:db8:1::a"),
                Ipv6Address.of("2001:db8:cd::1"),
                7,
                1,
                new byte[1000],
                64));
    assertTrue(port.inject(ping));
    List<byte[]> frames = new ArrayList<>();
    for (byte[] f = onAir.poll(5, TimeUnit.SECONDS); f != null;
        f = onAir.poll(500, TimeUnit.MILLISECONDS)) {
      frames.add(f);
    }
    // 1,048 octets of IPv6 do not fit one 127-octet PSDU: RFC 4944 §5.3 fragments.
    assertTrue(frames.size() >= 9, frames.size() + " frames");
    assertTrue(frames.stream().allMatch(f -> f.length <= 127));
    assertTrue(frames.stream().allMatch(f -> (f[0] & 0x08) != 0), "Security Enabled on each");

    port.close();
    running.ucn().toCompletableFuture().get(5, TimeUnit.SECONDS);
    long radioBytes = 24 + frames.stream().mapToLong(f -> 16 + f.length).sum();
    awaitSize(radioPcap, radioBytes);
    awaitSize(ucnPcap, 24 + 16 + ping.length);
    assertEquals(LinkType.IEEE802_15_4_WITHFCS.id(), linkType(radioPcap));
    assertEquals(LinkType.IPV6.id(), linkType(ucnPcap));
  }

  @Test
  void aRadioThatFailsEndsTheDataPlaneWithItsErrorAndReleasesThePort() throws Exception {
    InMemoryPort port = InMemoryPort.create(kit.system(), "mem1", 1280, 16);
    Flow<byte[], byte[], NotUsed> radio =
        Flow.fromSinkAndSource(
            Sink.ignore(), Source.failed(new IllegalStateException("RCP unusable")));
    DataPlaneGraph.Running running =
        DataPlaneGraph.create(
                port,
                adaptation(new LinkKeyTable()),
                radio,
                noControlPlane(),
                noIkePort(),
                new EspForwardingTable(),
                PREFIX,
                Optional.empty(),
                Optional.empty())
            .run(kit.system());

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> running.radio().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals("RCP unusable", e.getCause().getMessage());
    // The UCN side stops too (completed or failed), so a supervisor can open the port again.
    try {
      running.ucn().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException stoppedWithTheRadio) {
      // also stopped
    }
    assertTrue(running.ucn().toCompletableFuture().isDone());
  }

  @Test
  void panaFromACdReachesTheControlPlaneAndItsAnswerLeavesInClear() throws Exception {
    InMemoryPort port = InMemoryPort.create(kit.system(), "mem2", 1280, 16);
    BlockingQueue<byte[]> onAir = new LinkedBlockingQueue<>();
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> air =
        Source.<byte[]>queue(64).preMaterialize(kit.system());
    BlockingQueue<byte[]> toControlPlane = new LinkedBlockingQueue<>();
    Pair<BoundedSourceQueue<byte[]>, Source<byte[], NotUsed>> fromControlPlane =
        Source.<byte[]>queue(16).preMaterialize(kit.system());
    DataPlaneGraph.Running running =
        DataPlaneGraph.create(
                port,
                adaptation(new LinkKeyTable()),
                Flow.fromSinkAndSource(Sink.foreach(onAir::add), air.second()),
                Flow.fromSinkAndSource(
                    Sink.foreach(toControlPlane::add), fromControlPlane.second()),
                noIkePort(),
                new EspForwardingTable(),
                PREFIX,
                Optional.empty(),
                Optional.empty())
            .run(kit.system());

    // A CD not admitted yet: its PANA in clear goes to the control plane, nothing to the UCN.
    byte[] pci = udp(CD_LL, GW_LL, 716, 716);
    air.first().offer(cdFrame(pci));
    assertArrayEquals(pci, toControlPlane.poll(5, TimeUnit.SECONDS));
    assertNull(port.nextSent(Duration.ofMillis(200)));

    byte[] par = udp(GW_LL, CD_LL, 716, 716);
    fromControlPlane.first().offer(par);
    byte[] psdu = onAir.poll(5, TimeUnit.SECONDS);
    assertNotNull(psdu, "the control plane's answer went on the air");
    MacFrame f = MacFrameCodec.decode(psdu, true).orThrow();
    assertFalse(f.header().frameControl().securityEnabled(), "PANA goes in clear");
    assertArrayEquals(
        par,
        IphcDecompressor.decompress(
                f.payload(), LinkAddress.extended(GW_EUI64), LinkAddress.extended(CD_EUI64),
                GATEWAY.contexts())
            .orThrow());

    // PANA from the UCN is not the control plane's: dropped before the adaptation.
    assertTrue(port.inject(udp(Ipv6Address.of("2001:db8:1::a"), CD, 716, 716)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.controlPort().droppedPanaFromUcn() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, running.controlPort().droppedPanaFromUcn());
    assertEquals(1, running.controlPort().toControlPlane());
    assertEquals(1, running.controlPort().fromControlPlane());
    assertTrue(onAir.isEmpty());
    port.close();
  }

  static final long GW_EUI64 = 0x0200_0000_0000_0000L;
  static final long CD_EUI64 = 0x0200_0000_0000_0001L;
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::1");
  static final Ipv6Address CD_LL = Ipv6Address.of("fe80::1");
  /** fe80:: and the IID of 02:00:00:00:00:00:00:00, the gateway's EUI-64 here (RFC 4944 §6). */
  static final Ipv6Address GW_LL = Ipv6Address.of("fe80::");

  private static byte[] udp(Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort) {
    return Ipv6Codec.encode(Ipv6Packets.udp(src, dst, srcPort, dstPort, new byte[24], 255));
  }

  /** The frame a CD sends {@code packet} in, unsecured, built from the protocols codecs. */
  private static byte[] cdFrame(byte[] packet) {
    byte[] datagram =
        IphcCompressor.compress(
                packet, LinkAddress.extended(CD_EUI64), LinkAddress.extended(GW_EUI64),
                GATEWAY.contexts())
            .orThrow();
    MacHeader h =
        MacHeader.data(
            FrameVersion.IEEE_2006, 1, 0xabcd, new Address.Extended(GW_EUI64),
            new Address.Extended(CD_EUI64), true);
    return MacFrameCodec.encode(new MacFrame(h, datagram));
  }

  private static Flow<byte[], byte[], NotUsed> noControlPlane() {
    return Flow.fromSinkAndSource(Sink.ignore(), Source.never());
  }

  private static Flow<IkeDatagram, IkeDatagram, NotUsed> noIkePort() {
    return Flow.fromSinkAndSource(Sink.ignore(), Source.never());
  }

  private static BidiFlow<byte[], byte[], byte[], byte[], NotUsed> adaptation(LinkKeyTable keys) {
    return LowpanAdaptation.create(
        GATEWAY,
        keys,
        LinkResolver.fromInterfaceIdentifiers(PREFIX),
        LowpanAdaptation.MONOTONIC_MILLIS,
        new LowpanCounters());
  }

  private static void awaitSize(Path file, long size) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Files.size(file) != size && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(size, Files.size(file), file.toString());
  }

  private static int linkType(Path pcap) throws Exception {
    return ByteBuffer.wrap(Files.readAllBytes(pcap), 20, 4).getInt();
  }
}
