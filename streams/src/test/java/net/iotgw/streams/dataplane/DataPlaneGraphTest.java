package net.iotgw.streams.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import net.iotgw.protocols.ieee802154.security.LinkKey;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Codec;
import net.iotgw.protocols.ipv6.Ipv6Packets;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
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

  private static Flow<byte[], byte[], NotUsed> noControlPlane() {
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
