package net.iotgw.streams.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.iotgw.protocols.ieee802154.Fcs;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.sixlowpan.LinkAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PsduLayerTest {
  static final ActorTestKit kit = ActorTestKit.create();

  private final LowpanCounters counters = new LowpanCounters();
  private final PsduLayer layer = new PsduLayer(counters);
  private final MacFrame frame =
      new MacFramingLayer(Nodes.CD_NODE, counters)
          .frame(
              new FramePayload(
                  LinkAddress.extended(Nodes.CD_EUI64),
                  LinkAddress.extended(Nodes.GW_EUI64),
                  new byte[] {0x7a, 0x33, 0x3a},
                  false),
              0x42)
          .frame();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  @Test
  void psduIsHeaderPayloadAndTheFcsWeComputed_802154Section7_2_10() {
    byte[] psdu = layer.encode(frame);
    byte[] header = MacFrameCodec.encodeHeader(frame.header());
    assertEquals(header.length + 3 + Fcs.LENGTH, psdu.length);
    assertArrayEquals(header, Arrays.copyOf(psdu, header.length));
    int fcs = Fcs.compute(psdu, 0, psdu.length - 2);
    assertEquals(fcs & 0xff, psdu[psdu.length - 2] & 0xff);
    assertEquals(fcs >>> 8, psdu[psdu.length - 1] & 0xff);
    assertEquals(frame, layer.decode(psdu).orElseThrow());
    assertEquals(1, counters.snapshot().framesSent());
  }

  @Test
  void badFcsAndUndecodableFramesAreCountedApart() throws Exception {
    byte[] good = layer.encode(frame);
    byte[] badFcs = good.clone();
    badFcs[badFcs.length - 1] ^= 0x01;
    byte[] flippedBit = good.clone();
    flippedBit[5] ^= 0x10;
    byte[] tooLong = new byte[128];
    byte[] truncatedHeader = withFcs(new byte[] {0x61, (byte) 0xdc, 0x05});
    byte[] reservedFrameVersion = withFcs(new byte[] {0x41, (byte) 0x30, 0x05});
    List<MacFrame> up =
        Harness.up(
            kit.system(),
            layer.bidi(),
            List.of(badFcs, flippedBit, tooLong, truncatedHeader, reservedFrameVersion, good));
    assertEquals(List.of(frame), up);
    LowpanMetrics m = counters.snapshot();
    assertEquals(6, m.framesReceived());
    assertEquals(2, m.dropped(LowpanDrop.BAD_FCS));
    assertEquals(3, m.dropped(LowpanDrop.MALFORMED_FRAME));
    assertEquals(5, m.droppedTotal());
  }

  @Test
  void emptyAndOneOctetPsdusAreMalformedNotFatal() {
    assertTrue(layer.decode(new byte[0]).isEmpty());
    assertTrue(layer.decode(new byte[] {1}).isEmpty());
    assertEquals(2, counters.snapshot().dropped(LowpanDrop.MALFORMED_FRAME));
  }

  private static byte[] withFcs(byte[] mpdu) {
    byte[] psdu = Arrays.copyOf(mpdu, mpdu.length + 2);
    int fcs = Fcs.compute(mpdu, 0, mpdu.length);
    psdu[mpdu.length] = (byte) fcs;
    psdu[mpdu.length + 1] = (byte) (fcs >>> 8);
    return psdu;
  }
}
