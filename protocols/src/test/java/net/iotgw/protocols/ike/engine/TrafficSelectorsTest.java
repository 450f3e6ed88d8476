package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.codec.TrafficSelector.AddressRange;
import net.iotgw.protocols.ike.codec.TrafficSelector;
import org.junit.jupiter.api.Test;

/** RFC 7296 §2.9 narrowing, host-to-host. */
class TrafficSelectorsTest {
  private static final byte[] CD = Conversation.CD_ADDRESS.getAddress();
  private static final byte[] UD = Conversation.UD_ADDRESS.getAddress();
  private static final byte[] ZERO = new byte[16];
  private static final byte[] ONES = ones();

  private static byte[] ones() {
    byte[] b = new byte[16];
    java.util.Arrays.fill(b, (byte) 0xff);
    return b;
  }

  @Test
  void narrowsTheFirstSelectorContainingTheAddressKeepingProtocolAndPorts() {
    List<TrafficSelector> proposed = List.of(
        new AddressRange(6, 80, 80, UD, UD),
        new TrafficSelector.Other(13, 0, new byte[8]),
        new AddressRange(17, 5683, 5684, ZERO, ONES));
    assertEquals(Optional.of(new AddressRange(17, 5683, 5684, CD, CD)),
        TrafficSelectors.narrowTo(proposed, CD));
  }

  @Test
  void opaqueOrEmptyPortRangesAndOtherFamiliesNeverMatch() {
    assertEquals(Optional.empty(), TrafficSelectors.narrowTo(
        List.of(new AddressRange(0, 65535, 0, ZERO, ONES),
            AddressRange.of(new byte[4], new byte[] {-1, -1, -1, -1})), CD));
  }

  @Test
  void answerMustLieWithinTheOffer() {
    List<TrafficSelector> offer = List.of(AddressRange.of(CD, CD));
    assertTrue(TrafficSelectors.within(List.of(new AddressRange(17, 5683, 5683, CD, CD)), offer));
    assertFalse(TrafficSelectors.within(List.of(AddressRange.of(ZERO, ONES)), offer));
    assertFalse(TrafficSelectors.within(List.of(), offer));
    assertFalse(TrafficSelectors.within(
        List.of(new AddressRange(17, 0, 0xffff, CD, CD)), List.of(new AddressRange(6, 0, 0xffff, CD, CD))));
  }
}
