package net.iotgw.streams.esp;

import static net.iotgw.streams.esp.EspFixtures.CD_IN;
import static net.iotgw.streams.esp.EspFixtures.CD_OUT;
import static net.iotgw.streams.esp.EspFixtures.UD_PORT;
import static net.iotgw.streams.esp.EspFixtures.esp;
import static net.iotgw.streams.esp.EspFixtures.espInUdp;
import static net.iotgw.streams.esp.EspFixtures.rawEsp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.protocols.ipv6.Ipv6Prefix;
import net.iotgw.streams.pcap.LinkType;
import net.iotgw.streams.pcap.PcapWriter;
import net.iotgw.testing.HostTools;
import org.junit.jupiter.api.Test;

/**
 * Wireshark as a second opinion on what the forwarder and the IKE port put on the UCN: the ESP in
 * UDP it rewraps from a CD's raw ESP and the IKE datagrams it encodes, on 500 and behind the
 * non-ESP marker on 4500, with tshark checking the UDP checksums. Its own rewrap towards the CD
 * (raw ESP, Next Header 50) too. The file stays in streams/target/tshark/ for humans.
 */
class TsharkDissectsForwardedEspTest {
  static final Path OUT = Path.of("target", "tshark");
  static final Ipv6Address CD = Ipv6Address.of("2001:db8:cd::212:4b00:a0b:c0d");
  static final Ipv6Address UD = Ipv6Address.of("2001:db8:1::a");

  @Test
  void tsharkDissectsOurEspInUdpIkeWithMarkerAndRawEspWithGoodChecksums() throws IOException {
    EspForwardingTable table = new EspForwardingTable();
    table.install(EspRoute.udpEncapsulated(CD, CD_IN, CD_OUT, UD, UD_PORT));
    table.ikeOffload().offload(CD);
    EspForwarder forwarder =
        new EspForwarder(table, Ipv6Prefix.of("2001:db8:cd::/64"), new EspCounters());
    byte[] up =
        assertInstanceOf(
                EspForwarder.ToUcn.class,
                forwarder.fromRadio(rawEsp(CD, UD, 64, esp(CD_OUT, 5, EspFixtures.transport(5)))))
            .packet();
    byte[] down =
        assertInstanceOf(
                EspForwarder.ToCd.class,
                forwarder.fromUcn(
                    espInUdp(UD, UD_PORT, CD, 4500, esp(CD_IN, 6, EspFixtures.transport(6)), 64)))
            .packet();
    // IKE_SA_INIT-shaped: SPIi, SPIr 0, next payload 0, version 2.0, exchange 34, flags, id 0.
    byte[] ike = new byte[28];
    for (int i = 0; i < 8; i++) {
      ike[i] = (byte) (0x11 * (i + 1));
    }
    ike[17] = 0x20;
    ike[18] = 34;
    ike[19] = 0x20; // the responder's answer
    ike[27] = 28;
    byte[] onPort500 = new IkeDatagram(UD, 500, CD, 500, ike).toPacket();
    byte[] onPort4500 = new IkeDatagram(UD, UD_PORT, CD, 4500, ike).toPacket();

    Files.createDirectories(OUT);
    Path pcap = OUT.resolve("esp-forwarded.pcap");
    Clock clock = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (PcapWriter w = PcapWriter.create(pcap, LinkType.IPV6, clock)) {
      for (byte[] p : List.of(up, down, onPort500, onPort4500)) {
        w.write(p);
      }
    }

    String tshark = HostTools.require("tshark").toString();
    List<String> options =
        List.of(tshark, "-r", pcap.toString(), "-o", "udp.check_checksum:TRUE");
    String verbose = HostTools.check(concat(options, List.of("-V")));
    for (String complaint : List.of("Malformed", "[Expert Info (Error", "[Expert Info (Warning",
        "Incorrect", "incorrect", "Dissector bug")) {
      assertTrue(!verbose.contains(complaint), () -> "tshark: " + complaint + "\n" + verbose);
    }
    List<String> fields =
        HostTools.check(
                concat(
                    options,
                    List.of("-T", "fields", "-e", "frame.protocols", "-e", "udp.srcport",
                        "-e", "udp.dstport", "-e", "udp.checksum.status", "-e", "esp.spi",
                        "-e", "isakmp.ispi")))
            .lines()
            .filter(l -> l.contains("\t"))
            .toList();
    assertEquals(
        List.of(
            "ipv6:udp:udpencap:esp\t4500\t34567\t1\t0x5ad00d02\t",
            "ipv6:esp\t\t\t\t0xc0ffee01\t",
            "ipv6:udp:isakmp\t500\t500\t1\t\t1122334455667788",
            "ipv6:udp:udpencap:isakmp\t4500\t34567\t1\t\t1122334455667788"),
        fields,
        verbose);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
