package net.iotgw.radio.spinel;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each frame has one representation, so the constructor refuses shapes the decoder never gives. */
class PropValueShapeTest {

  private static final ReceivedFrame RX = ReceivedFrame.of(new byte[5], 11, -40, 255);

  @Test
  void rawReceiveOnlyUnderValueIs() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpinelMessage.PropValue(
                SpinelCommand.PROP_VALUE_SET, new PropertyValue.RawReceive(RX)));
  }

  @Test
  void rawTransmitOnlyUnderValueSet() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpinelMessage.PropValue(
                SpinelCommand.PROP_VALUE_IS,
                new PropertyValue.RawTransmit(TransmitRequest.of(new byte[5], 11))));
  }

  @Test
  void knownPropertyUnderSetOrIsMustBeTyped() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpinelMessage.PropValue(
                SpinelCommand.PROP_VALUE_IS, new PropertyValue.Opaque(0x21, new byte[] {11})));
  }

  @Test
  void listCommandsCarryOnlyOpaqueValues() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpinelMessage.PropValue(
                SpinelCommand.PROP_VALUE_INSERT, new PropertyValue.PhyChannel(11)));
  }

  @Test
  void getAndResetAreNotPropertyValueCommands() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpinelMessage.PropValue(
                SpinelCommand.PROP_VALUE_GET,
                new PropertyValue.LastStatus(0, Optional.empty())));
  }

  @Test
  void unknownMustNotHideAKnownCommand() {
    assertThrows(IllegalArgumentException.class, () -> new SpinelMessage.Unknown(6, new byte[0]));
  }
}
