package net.iotgw.protocols.ike.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.iotgw.protocols.ike.DhGroup;
import net.iotgw.protocols.ike.codec.DeletePayload;
import net.iotgw.protocols.ike.codec.ExchangeType;
import net.iotgw.protocols.ike.codec.IkeDecoder;
import net.iotgw.protocols.ike.codec.IkeEncoder;
import net.iotgw.protocols.ike.codec.IkeMessage;
import net.iotgw.protocols.ike.codec.KePayload;
import net.iotgw.protocols.ike.codec.NoncePayload;
import net.iotgw.protocols.ike.codec.Payload;
import net.iotgw.protocols.ike.codec.ProtocolId;
import net.iotgw.protocols.ike.codec.SaPayload;
import net.iotgw.protocols.ike.crypto.KeyExchange;
import net.iotgw.protocols.ike.crypto.KeyExchanges;
import net.iotgw.protocols.ike.crypto.Prf;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture;
import net.iotgw.protocols.ike.fixtures.StrongSwanFixture.Direction;
import net.iotgw.protocols.ike.keys.IkeSaKeys;
import net.iotgw.protocols.ike.keys.KeySchedule;
import net.iotgw.protocols.ike.keys.Suite;
import net.iotgw.protocols.wire.Decoded;

/**
 * Proves that our IKEv2/ESP code is exact against one real strongSwan exchange ({@link
 * StrongSwanFixture}: IKE_SA_INIT, IKE_AUTH, pings over ESP, INFORMATIONAL delete, with the keys
 * charon logged). strongSwan is the oracle; every disagreement is a JUnit assertion failure that
 * names the field. In order:
 *
 * <ol>
 *   <li>every datagram decodes ({@link IkeDecoder#decode}) and re-encodes byte for byte;
 *   <li>the suite is read from the IKE_SA_INIT response's SA payload, mapped to our {@link Suite},
 *       and its strongSwan name matches charon's "selected proposal" line;
 *   <li>SPIs, nonces and KE data taken from the packets equal the logged ones, the KE lengths fit
 *       the group (RFC 7296 §3.4) and our key exchange accepts both public values;
 *   <li>{@link KeySchedule#derive} from the logged g^ir gives the logged SKEYSEED and every SK_*
 *       (strongSwan's private keys are unknown, so g^ir itself cannot be recomputed);
 *   <li>{@link ProtectedIkeCheck}: every SK payload and SKF fragment opens with our keys to the
 *       logged plaintext, and AEAD messages reseal to the captured bytes;
 *   <li>{@link AuthCheck}: AUTH octets in both directions, PSK MICs or ECDSA signatures;
 *   <li>{@link ChildSaCheck}: CHILD_SA KEYMAT and the ESP packets;
 *   <li>the INFORMATIONAL exchange deletes the IKE SA (RFC 7296 §1.4.1).
 * </ol>
 *
 * Test scope, in the protocols test-jar, so that load-tests runs it on fresh captures.
 */
public final class StrongSwanExchangeCheck {

  /** What one run verified; {@link #toString()} is a one-line summary for test logs. */
  public record Verified(
      String suite,
      String ikeProposal,
      String espProposal,
      String authentication,
      int ikeMessages,
      int fragments,
      int resealed,
      int resealedToPadding,
      int espPackets) {
    @Override
    public String toString() {
      return suite + ": " + ikeProposal + ", " + espProposal + ", " + authentication + "; "
          + ikeMessages + " IKE datagrams decoded and re-encoded, " + fragments
          + " of them SKF fragments; " + (resealed + resealedToPadding) + " protected ones opened"
          + " and resealed (" + resealed + " byte-identical, " + resealedToPadding
          + " identical up to CBC's random padding); " + espPackets
          + " ESP packets opened and resealed byte-identically";
    }
  }

  private final StrongSwanFixture fixture;

  private StrongSwanExchangeCheck(StrongSwanFixture fixture) {
    this.fixture = fixture;
  }

  /** Runs every check; throws an {@link AssertionError} at the first disagreement. */
  public static Verified verify(StrongSwanFixture fixture) {
    return new StrongSwanExchangeCheck(fixture).run();
  }

  private Verified run() {
    List<ProtectedIkeCheck.Received> received = decodeEveryMessage();
    IkeMessage initRequest = received.get(0).message();
    IkeMessage initResponse = received.get(1).message();
    assertExchange(initRequest, ExchangeType.IKE_SA_INIT, false, 0);
    assertExchange(initResponse, ExchangeType.IKE_SA_INIT, true, 0);

    SelectedProposal ike = SelectedProposal.of(only(initResponse, SaPayload.class), ProtocolId.IKE);
    assertEquals(
        fixture.text("ike_proposal"), ike.strongSwanName(), "IKE proposal vs charon's log");
    assertTrue(
        only(initRequest, SaPayload.class).proposals().stream()
            .anyMatch(p -> p.transforms().equals(ike.proposal().transforms())),
        "the selected transforms were offered");
    Suite suite = ike.suite();

    long spiI = initRequest.header().spiI();
    long spiR = initResponse.header().spiR();
    assertArrayEquals(fixture.spiI(), bytes(spiI), "SPIi from the header vs log");
    assertArrayEquals(fixture.spiR(), bytes(spiR), "SPIr from the header vs log");
    byte[] ni = only(initRequest, NoncePayload.class).nonce();
    byte[] nr = only(initResponse, NoncePayload.class).nonce();
    assertArrayEquals(fixture.ni(), ni, "Ni from the Nonce payload vs log");
    assertArrayEquals(fixture.nr(), nr, "Nr from the Nonce payload vs log");
    checkKeyExchange(suite.dhGroup(), initRequest, initResponse);

    IkeSaKeys keys = deriveKeys(suite, ni, nr, spiI, spiR);
    ProtectedIkeCheck.Result opened = ProtectedIkeCheck.verify(received, keys);
    List<Payload> authRequest = opened.payloads(ExchangeType.IKE_AUTH, false, 1);
    List<Payload> authResponse = opened.payloads(ExchangeType.IKE_AUTH, true, 1);
    String authentication =
        AuthCheck.verify(
            fixture, suite.prf(), keys, received.get(0).bytes(), received.get(1).bytes(), ni, nr,
            authRequest, authResponse);
    ChildSaCheck.Result child =
        ChildSaCheck.verify(fixture, suite.prf(), keys.skD(), ni, nr, authRequest, authResponse);
    checkDelete(opened);
    keys.destroy();

    return new Verified(
        fixture.suite(), ike.strongSwanName(), child.espProposal(), authentication,
        received.size(), opened.fragments(), opened.resealed(), opened.resealedToPadding(),
        child.espPacketsOpened());
  }

  /**
   * Decodes every captured datagram and encodes the result again. strongSwan sends canonical
   * messages (reserved fields zero, critical bit clear on known payloads, minimal lengths), so
   * the codec must reproduce each one exactly, SK and SKF bodies included.
   */
  private List<ProtectedIkeCheck.Received> decodeEveryMessage() {
    List<ProtectedIkeCheck.Received> out = new ArrayList<>();
    for (StrongSwanFixture.Message m : fixture.messages()) {
      byte[] bytes = m.bytes();
      IkeMessage decoded = ok(IkeDecoder.decode(bytes), m + " decodes");
      assertEquals(
          m.direction() == Direction.I2R, decoded.header().initiator(), m + " I flag (§3.1)");
      assertArrayEquals(bytes, IkeEncoder.encode(decoded), m + " re-encodes byte for byte");
      out.add(new ProtectedIkeCheck.Received(m, decoded));
    }
    assertTrue(out.size() >= 6, "IKE_SA_INIT, IKE_AUTH and INFORMATIONAL request/response pairs");
    return out;
  }

  /**
   * RFC 7296 §3.4: the KE payload's group is the negotiated one and its data is that group's
   * public value length (RFC 8031 §2: 32 for Curve25519; RFC 5903 §7: x | y for ECP; RFC 3526:
   * the modulus length for MODP). g^ir is the x coordinate only for ECP (RFC 5903 §7). Without
   * strongSwan's private keys our recomputation of g^ir is impossible, but our recipient checks
   * (RFC 6989, RFC 8031 §2.2) must accept its public values, and produce a secret of its length.
   */
  private void checkKeyExchange(DhGroup group, IkeMessage request, IkeMessage response) {
    assertEquals(group.id(), fixture.dhGroup(), "DH group vs log");
    int expectedGir =
        switch (group) {
          case ECP_256 -> 32;
          case ECP_384 -> 48;
          default -> KeyExchanges.publicValueLength(group);
        };
    assertEquals(expectedGir, fixture.dhSharedSecret().length, "length of charon's g^ir");
    KePayload[] ke = {only(request, KePayload.class), only(response, KePayload.class)};
    byte[][] logged = {fixture.keI(), fixture.keR()};
    for (int i = 0; i < 2; i++) {
      assertEquals(group.id(), ke[i].dhGroup(), "KE payload group");
      assertEquals(KeyExchanges.publicValueLength(group), ke[i].keyData().length, "KE data length");
      assertArrayEquals(logged[i], ke[i].keyData(), "KE data vs log");
      KeyExchange ours = KeyExchanges.fromPrivateKey(group, OUR_PRIVATE_VALUE);
      byte[] gir = ok(ours.agree(ke[i].keyData()), "our " + group + " accepts its KE data");
      assertEquals(expectedGir, gir.length, "our g^ir length with strongSwan's public value");
      ours.destroy();
    }
  }

  /** A fixed private value valid in every group: 1 < x < p-1 (MODP), < n (ECP), any (X25519). */
  private static final byte[] OUR_PRIVATE_VALUE = privateValue();

  private static byte[] privateValue() {
    byte[] x = new byte[32];
    for (int i = 0; i < x.length; i++) {
      x[i] = (byte) (0x11 * (i % 15 + 1));
    }
    x[0] = 0x01;
    return x;
  }

  /** RFC 7296 §2.14 from the logged g^ir and the packets' nonces and SPIs. */
  private IkeSaKeys deriveKeys(Suite suite, byte[] ni, byte[] nr, long spiI, long spiR) {
    IkeSaKeys keys = KeySchedule.derive(suite, fixture.dhSharedSecret(), ni, nr, spiI, spiR);
    assertArrayEquals(fixture.skeyseed(), keys.skeyseed(), "SKEYSEED");
    assertArrayEquals(fixture.skD(), keys.skD(), "SK_d");
    assertArrayEquals(fixture.skAi(), keys.skAi(), "SK_ai");
    assertArrayEquals(fixture.skAr(), keys.skAr(), "SK_ar");
    assertArrayEquals(fixture.skEi(), keys.skEi(), "SK_ei");
    assertArrayEquals(fixture.skEr(), keys.skEr(), "SK_er");
    assertArrayEquals(fixture.skPi(), keys.skPi(), "SK_pi");
    assertArrayEquals(fixture.skPr(), keys.skPr(), "SK_pr");
    // The constrained device's path: SK_d alone from the SKEYSEED the gateway delivers.
    assertArrayEquals(
        fixture.skD(),
        KeySchedule.skD(suite.prf(), fixture.skeyseed(), ni, nr, spiI, spiR),
        "SK_d from SKEYSEED alone");
    if (fixture.has("psk_keypad_prf")) {
      byte[] keyPad = "Key Pad for IKEv2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      assertArrayEquals(
          fixture.secret("psk_keypad_prf"),
          Prf.of(suite.prf()).prf(fixture.psk().orElseThrow(), keyPad),
          "prf(Shared Secret, \"Key Pad for IKEv2\") (RFC 7296 §2.15)");
    }
    return keys;
  }

  /** RFC 7296 §1.4.1: deleting the IKE SA names no SPI; the response is empty. */
  private static void checkDelete(ProtectedIkeCheck.Result opened) {
    List<Payload> request = opened.payloads(ExchangeType.INFORMATIONAL, false, 2);
    assertEquals(List.of(DeletePayload.ikeSa()), request, "INFORMATIONAL request deletes IKE SA");
    assertEquals(List.of(), opened.payloads(ExchangeType.INFORMATIONAL, true, 2), "empty response");
  }

  private static void assertExchange(
      IkeMessage m, ExchangeType type, boolean response, long messageId) {
    assertEquals(type.id(), m.header().exchangeType(), "exchange type");
    assertEquals(response, m.header().response(), "R flag");
    assertEquals(messageId, m.header().messageId(), "message ID");
  }

  /** The value of a decode that must succeed; its error otherwise, as an assertion failure. */
  static <T> T ok(Decoded<T> decoded, String what) {
    if (decoded instanceof Decoded.Failed<T> failed) {
      return fail(what + ": " + failed.error());
    }
    return decoded.orThrow();
  }

  static <T extends Payload> T only(IkeMessage m, Class<T> kind) {
    List<T> found = m.all(kind);
    assertEquals(1, found.size(), "exactly one " + kind.getSimpleName() + " in " + m.payloads());
    return assertInstanceOf(kind, found.get(0));
  }

  private static byte[] bytes(long spi) {
    return ByteBuffer.allocate(8).putLong(spi).array();
  }
}
