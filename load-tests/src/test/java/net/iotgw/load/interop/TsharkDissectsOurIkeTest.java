package net.iotgw.load.interop;

import net.iotgw.testing.HostTools;
import static net.iotgw.load.interop.OurIkeConversation.INITIATOR_ADDRESS;
import static net.iotgw.load.interop.OurIkeConversation.INITIATOR_ID;
import static net.iotgw.load.interop.OurIkeConversation.RESPONDER_ADDRESS;
import static net.iotgw.load.interop.OurIkeConversation.RESPONDER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.iotgw.load.interop.OurIkeConversation.Datagram;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeHeader;
import net.iotgw.protocols.ike.crypto.IkeCipher;
import net.iotgw.protocols.wire.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wireshark's IKEv2 dissector as a second opinion on our encoder: every message of {@link
 * OurIkeConversation} goes into a pcap (IPv6, UDP 500 then 4500 with the non-ESP marker), and
 * {@code tshark -V}, given the SK keys, must decrypt every SK and SKF payload, verify its ICV, show
 * the payloads inside, and find nothing malformed. The pcap and tshark's text stay in
 * load-tests/target/tshark/ for humans.
 */
class TsharkDissectsOurIkeTest {
  private static final Path OUT = Path.of("target", "tshark");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern FRAME_START = Pattern.compile("(?m)^Frame \\d+: ");

  /** tshark's verdict on the ICV it recomputed with SK_a (or the AEAD tag with SK_e). */
  private static final Pattern ICV_VERIFIED =
      Pattern.compile(
          "(?m)^\\s+Integrity Checksum Data: \\p{XDigit}+ \\(\\d+ bytes\\).*\\[correct\\]$");

  /**
   * What tshark prints when it disagrees with the bytes: a malformed-packet exception, an expert
   * item of error or warning severity (bad payload lengths, bad padding, ICV mismatches), a
   * dissector bug, a wrong UDP checksum or ICV ("[incorrect, should be ...]").
   */
  private static final List<String> COMPLAINTS =
      List.of(
          "Malformed",
          "[Expert Info (Error",
          "[Expert Info (Warning",
          "Dissector bug",
          "incorrect",
          "bogus");

  private final SecureRandom random = new SecureRandom();

  @Test
  void tsharkDissectsAndDecryptsEveryMessageWithoutComplaint_rfc7296_rfc7383() throws IOException {
    OurIkeConversation conversation = OurIkeConversation.build(random);
    List<Datagram> datagrams = conversation.datagrams();

    Dissection dissection = dissect("our-ike", datagrams, conversation);

    assertEquals(List.of(), complaints(dissection.text()), "tshark complained");
    assertEquals(datagrams.size(), dissection.frames().size(), "frames in the pcap");
    for (int i = 0; i < datagrams.size(); i++) {
      Datagram d = datagrams.get(i);
      String frame = dissection.frames().get(i);
      for (String line : expectedLines(d)) {
        assertTrue(frame.contains(line), () -> d.label() + " lacks \"" + line + "\":\n" + frame);
      }
      if (d.exchange() != ExchangeType.IKE_SA_INIT) {
        assertTrue(ICV_VERIFIED.matcher(frame).find(), () -> d.label() + " ICV:\n" + frame);
      }
    }
    assertSameEspSpis(dissection.frames(), datagrams);
  }

  /**
   * Ways to break one message, with what tshark says about each: unless it says so, the absence of
   * complaints above proves nothing.
   */
  enum Corruption {
    /** The SA payload of the first IKE_SA_INIT request claims 4 bytes more than it has. */
    CLEAR_PAYLOAD_LENGTH(ExchangeType.IKE_SA_INIT, "[Expert Info (Error/Malformed): Payload (bogus"),
    /** One bit of the first IKE_AUTH request's ciphertext flipped: the ICV no longer verifies. */
    CIPHERTEXT_BIT(
        ExchangeType.IKE_AUTH,
        "[Expert Info (Warning/Checksum): IKEv2 Integrity Checksum Data is incorrect]"),
    /** The first IKE_AUTH request's IDi claims 4 bytes more, sealed with the right keys. */
    INNER_PAYLOAD_LENGTH(ExchangeType.IKE_AUTH, "[Expert Info (Error/Malformed): Payload (bogus");

    final ExchangeType target;
    final String complaint;

    Corruption(ExchangeType target, String complaint) {
      this.target = target;
      this.complaint = complaint;
    }
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void tsharkComplainsAboutTheCorruptedMessageOnly(Corruption corruption) throws IOException {
    OurIkeConversation conversation = OurIkeConversation.build(random);
    List<Datagram> datagrams = new ArrayList<>(conversation.datagrams());
    int index = firstOf(datagrams, corruption.target);
    Datagram original = datagrams.get(index);
    datagrams.set(index, original.withIke(corrupt(corruption, original, conversation)));

    Dissection dissection =
        dissect("corrupted-" + corruption.name().toLowerCase(Locale.ROOT), datagrams, conversation);

    assertEquals(datagrams.size(), dissection.frames().size(), "frames in the pcap");
    for (int i = 0; i < datagrams.size(); i++) {
      List<String> complaints = complaints(dissection.frames().get(i));
      if (i == index) {
        assertTrue(
            complaints.stream().anyMatch(c -> c.startsWith(corruption.complaint)),
            () -> original.label() + ": " + complaints);
      } else {
        assertEquals(List.of(), complaints, datagrams.get(i).label());
      }
    }
  }

  private static int firstOf(List<Datagram> datagrams, ExchangeType exchange) {
    for (int i = 0; i < datagrams.size(); i++) {
      if (datagrams.get(i).exchange() == exchange) {
        return i;
      }
    }
    throw new AssertionError("no " + exchange);
  }

  /** The Payload Length of the first payload (RFC 7296 §3.2): SA in IKE_SA_INIT, else SK. */
  private static final int FIRST_PAYLOAD_LENGTH = IkeHeader.LENGTH + 2;

  private byte[] corrupt(Corruption corruption, Datagram d, OurIkeConversation conversation) {
    byte[] ike = d.ike().clone();
    switch (corruption) {
      case CLEAR_PAYLOAD_LENGTH -> addToU16(ike, FIRST_PAYLOAD_LENGTH, 4);
      // Before the 16-byte ICV: the last bytes of the ciphertext.
      case CIPHERTEXT_BIT -> ike[ike.length - 20] ^= 0x01;
      case INNER_PAYLOAD_LENGTH -> {
        int bodyLength = u16(ike, FIRST_PAYLOAD_LENGTH) - 4;
        byte[] aad = Arrays.copyOf(ike, ike.length - bodyLength);
        byte[] body = Arrays.copyOfRange(ike, aad.length, ike.length);
        IkeCipher cipher = conversation.senderCipher(d);
        byte[] plaintext = ((Decoded.Ok<byte[]>) cipher.open(aad, body)).value();
        addToU16(plaintext, 2, 4);
        // Same plaintext length, so the same body length and associated data.
        byte[] resealed = cipher.seal(aad, plaintext, random);
        cipher.destroy();
        System.arraycopy(resealed, 0, ike, aad.length, resealed.length);
      }
    }
    return ike;
  }

  private static int u16(byte[] b, int offset) {
    return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
  }

  private static void addToU16(byte[] b, int offset, int delta) {
    int v = u16(b, offset) + delta;
    b[offset] = (byte) (v >>> 8);
    b[offset + 1] = (byte) v;
  }

  /** What tshark must show for {@code d} beside the absence of complaints. */
  private static List<String> expectedLines(Datagram d) {
    List<String> lines = new ArrayList<>();
    lines.add(
        d.fromInitiator()
            ? "Src: " + INITIATOR_ADDRESS + ", Dst: " + RESPONDER_ADDRESS
            : "Src: " + RESPONDER_ADDRESS + ", Dst: " + INITIATOR_ADDRESS);
    lines.add("Src Port: " + d.port() + ", Dst Port: " + d.port());
    lines.add("[Checksum Status: Good]");
    lines.add("Exchange type: " + d.exchange().name() + " (" + d.exchange().id() + ")");
    lines.add(
        d.fromInitiator()
            ? "Flags: 0x08 (Initiator, No higher version, Request)"
            : "Flags: 0x20 (Responder, No higher version, Response)");
    if (d.exchange() == ExchangeType.IKE_SA_INIT) {
      if (d.fromInitiator()) {
        lines.addAll(
            List.of(
                "Proposal number: 2",
                "Transform ID (ENCR): AES-GCM with a 16 octet ICV (20)",
                "Transform ID (ENCR): ENCR_AES_CBC (12)",
                "Transform ID (INTEG): AUTH_HMAC_SHA2_256_128 (12)",
                "Transform ID (D-H): Curve25519 (31)",
                "Transform ID (D-H): 256-bit random ECP group (19)"));
      }
      lines.addAll(
          List.of(
              "Transform ID (PRF): PRF_HMAC_SHA2_256 (5)",
              "Key Length: ",
              "Key Exchange Data: ",
              "Nonce DATA: ",
              "Notify Message Type: NAT_DETECTION_SOURCE_IP (16388)",
              "Notify Message Type: NAT_DETECTION_DESTINATION_IP (16389)",
              "Notify Message Type: IKEV2_FRAGMENTATION_SUPPORTED (16430)",
              "Supported Signature Hash Algorithm: SHA2-256 (2)"));
      return lines;
    }
    lines.add("Non-ESP Marker");
    lines.add("Decrypted Data (");
    if (d.fragment() != 0) {
      lines.add("Fragment Number: " + d.fragment());
      lines.add("Total Fragments: " + d.fragments());
    }
    boolean whole = d.fragment() == d.fragments();
    if (d.exchange() == ExchangeType.IKE_AUTH && whole) {
      if (d.fragment() != 0) {
        lines.add("[" + d.fragments() + " Message fragments (");
        lines.add("[Reassembled ISAKMP length: ");
      }
      lines.addAll(
          List.of(
              "Identification Data:" + RESPONDER_ID,
              "Authentication Method: Shared Key Message Integrity Code (2)",
              "Notify Message Type: USE_TRANSPORT_MODE (16391)",
              "Protocol ID: ESP (3)",
              "Transform ID (ESN): No Extended Sequence Numbers (0)",
              "Traffic Selector Type: TS_IPV6_ADDR_RANGE (8)",
              "Starting Addr: " + INITIATOR_ADDRESS,
              "Ending Addr: " + RESPONDER_ADDRESS));
      if (d.fromInitiator()) {
        lines.add("Identification Data:" + INITIATOR_ID);
      }
    }
    if (d.exchange() == ExchangeType.INFORMATIONAL) {
      lines.add("Delete SPI: ");
    }
    return lines;
  }

  /**
   * The SPIs tshark read in the IKE_AUTH SAs are the ones it reads in the Deletes: initiator's
   * Delete names the initiator's inbound SPI, and so on (RFC 7296 §1.4.1).
   */
  private static void assertSameEspSpis(List<String> frames, List<Datagram> datagrams) {
    List<String> authSpis = new ArrayList<>();
    List<String> deleteSpis = new ArrayList<>();
    for (int i = 0; i < datagrams.size() && deleteSpis.size() < 2; i++) {
      if (datagrams.get(i).exchange() == ExchangeType.IKE_AUTH && authSpis.size() < 2) {
        authSpis.add(field(frames.get(i), "SPI: "));
      } else if (datagrams.get(i).exchange() == ExchangeType.INFORMATIONAL) {
        deleteSpis.add(field(frames.get(i), "Delete SPI: "));
      }
    }
    assertEquals(authSpis, deleteSpis);
  }

  private static String field(String frame, String name) {
    Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "(\\S+)$").matcher(frame);
    assertTrue(m.find(), () -> "no " + name + "in\n" + frame);
    return m.group(1);
  }

  /** tshark's lines that signal a problem with the bytes. */
  static List<String> complaints(String tsharkText) {
    return tsharkText
        .lines()
        .filter(line -> COMPLAINTS.stream().anyMatch(line::contains))
        .map(String::strip)
        .toList();
  }

  /** tshark's whole text and the text of each frame, in capture order. */
  record Dissection(String text, List<String> frames) {}

  /** Writes target/tshark/NAME.pcap, runs tshark -V with the SK keys, keeps NAME.txt beside. */
  private static Dissection dissect(
      String name, List<Datagram> datagrams, OurIkeConversation conversation) throws IOException {
    Path pcap = OUT.resolve(name + ".pcap");
    IkeCapture.write(datagrams, pcap);
    List<String> command =
        new ArrayList<>(
            List.of(
                HostTools.require("tshark").toString(),
                "-r",
                pcap.toString(),
                "-V",
                "-o",
                "udp.check_checksum:TRUE"));
    for (String record : conversation.decryptionTable()) {
      command.add("-o");
      command.add("uat:ikev2_decryption_table:" + record);
    }
    HostTools.Result result = HostTools.run(command, TIMEOUT);
    Files.writeString(OUT.resolve(name + ".txt"), result.output());
    assertEquals(0, result.exitCode(), result::output);
    List<String> frames = new ArrayList<>();
    Matcher m = FRAME_START.matcher(result.output());
    int start = -1;
    while (m.find()) {
      if (start >= 0) {
        frames.add(result.output().substring(start, m.start()));
      }
      start = m.start();
    }
    if (start >= 0) {
      frames.add(result.output().substring(start));
    }
    return new Dissection(result.output(), frames);
  }
}
