package net.iotgw.protocols.ike.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** decode(encode(m)) == m for seeded random messages of every payload kind and size. */
class RandomMessageRoundTripTest {
  private final Random rnd = new Random(4306);

  private byte[] bytes(int max) {
    byte[] b = new byte[rnd.nextInt(max + 1)];
    rnd.nextBytes(b);
    return b;
  }

  private byte[] exactly(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private Transform transform() {
    List<TransformAttribute> attributes = new ArrayList<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      attributes.add(
          rnd.nextBoolean()
              ? new TransformAttribute.Tv(rnd.nextInt(0x8000), rnd.nextInt(0x10000))
              : new TransformAttribute.Tlv(rnd.nextInt(0x8000), bytes(6)));
    }
    return new Transform(1 + rnd.nextInt(5), rnd.nextInt(0x10000), attributes);
  }

  private TrafficSelector selector() {
    if (rnd.nextInt(5) == 0) {
      return new TrafficSelector.Other(9 + rnd.nextInt(20), rnd.nextInt(256), bytes(12));
    }
    int family = rnd.nextBoolean() ? 4 : 16;
    return new TrafficSelector.AddressRange(
        rnd.nextInt(256),
        rnd.nextInt(0x10000),
        rnd.nextInt(0x10000),
        exactly(family),
        exactly(family));
  }

  private Payload payload() {
    Role role = rnd.nextBoolean() ? Role.INITIATOR : Role.RESPONDER;
    switch (rnd.nextInt(14)) {
      case 0 -> {
        List<Proposal> proposals = new ArrayList<>();
        for (int i = rnd.nextInt(3); i >= 0; i--) {
          List<Transform> transforms = new ArrayList<>();
          for (int t = rnd.nextInt(5); t > 0; t--) {
            transforms.add(transform());
          }
          proposals.add(
              new Proposal(1 + rnd.nextInt(255), 1 + rnd.nextInt(3), bytes(8), transforms));
        }
        return new SaPayload(proposals);
      }
      case 1 -> {
        return new KePayload(rnd.nextInt(0x10000), bytes(133));
      }
      case 2 -> {
        int type = rnd.nextInt(12);
        byte[] data = type == 1 ? exactly(4) : type == 5 ? exactly(16) : bytes(40);
        return new IdPayload(role, type, data);
      }
      case 3 -> {
        return rnd.nextBoolean()
            ? new CertPayload(rnd.nextInt(256), bytes(300))
            : new CertReqPayload(rnd.nextInt(256), bytes(60));
      }
      case 4 -> {
        return new AuthPayload(rnd.nextInt(256), bytes(64));
      }
      case 5 -> {
        return new NoncePayload(exactly(16 + rnd.nextInt(241)));
      }
      case 6 -> {
        return new NotifyPayload(rnd.nextInt(4), bytes(8), rnd.nextInt(0x10000), bytes(24));
      }
      case 7 -> {
        int size = rnd.nextInt(9);
        List<byte[]> spis = new ArrayList<>();
        for (int i = size == 0 ? 0 : rnd.nextInt(5); i > 0; i--) {
          spis.add(exactly(size));
        }
        return new DeletePayload(rnd.nextInt(256), size, spis);
      }
      case 8 -> {
        return new VendorIdPayload(bytes(20));
      }
      case 9 -> {
        List<TrafficSelector> selectors = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          selectors.add(selector());
        }
        return new TsPayload(role, selectors);
      }
      case 10 -> {
        List<ConfigAttribute> attributes = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
          attributes.add(new ConfigAttribute(rnd.nextInt(0x8000), bytes(16)));
        }
        return new CpPayload(rnd.nextInt(256), attributes);
      }
      case 11 -> {
        byte[] eap = exactly(5 + rnd.nextInt(20));
        eap[0] = (byte) (1 + rnd.nextInt(2));
        eap[2] = (byte) (eap.length >>> 8);
        eap[3] = (byte) eap.length;
        return new EapPayload(eap);
      }
      default -> {
        int type = 54 + rnd.nextInt(200);
        return new UnknownPayload(type, false, bytes(10));
      }
    }
  }

  @Test
  void randomMessagesRoundTrip() {
    for (int i = 0; i < 2000; i++) {
      List<Payload> payloads = new ArrayList<>();
      for (int p = rnd.nextInt(6); p > 0; p--) {
        payloads.add(payload());
      }
      if (rnd.nextBoolean()) {
        payloads.add(
            rnd.nextBoolean()
                ? new EncryptedPayload(rnd.nextInt(256), bytes(64))
                : new EncryptedFragmentPayload(rnd.nextInt(256), 1, 1 + rnd.nextInt(9), bytes(64)));
      }
      IkeHeader header =
          new IkeHeader(
              rnd.nextLong(),
              rnd.nextLong(),
              0,
              2,
              rnd.nextInt(16),
              rnd.nextInt(256),
              rnd.nextBoolean(),
              rnd.nextBoolean(),
              rnd.nextBoolean(),
              rnd.nextInt() & 0xffffffffL,
              0);
      IkeMessage m = new IkeMessage(header, payloads);

      byte[] bytes = IkeEncoder.encode(m);
      IkeMessage decoded = IkeDecoder.decode(bytes).orThrow();

      assertEquals(payloads, decoded.payloads());
      assertEquals(
          header.withChain(IkeEncoder.firstPayloadType(payloads), bytes.length), decoded.header());
      assertArrayEquals(bytes, IkeEncoder.encode(decoded));
    }
  }
}
