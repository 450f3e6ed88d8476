package net.iotgw.radio.emulator;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import net.iotgw.protocols.ieee802154.Address;
import net.iotgw.protocols.ieee802154.MacFrame;
import net.iotgw.protocols.ieee802154.MacFrameCodec;
import net.iotgw.protocols.wire.Decoded;

/**
 * Hands each frame that has been on the air to every station whose address filter accepts it,
 * dropping each reception independently with the configured probability, then tells the sender that
 * its frame is out. Runs as the medium's sink, one frame at a time, so its seeded {@link Random}
 * gives the same losses for the same traffic.
 */
final class Delivery {
  private final Stations stations;
  private final MediumSettings settings;
  private final Random random;
  final LongAdder deliveries = new LongAdder();
  final LongAdder lost = new LongAdder();
  final LongAdder malformed = new LongAdder();

  Delivery(Stations stations, MediumSettings settings) {
    this.stations = stations;
    this.settings = settings;
    this.random = new Random(settings.seed());
  }

  void deliver(MediumStage.AirFrame frame) {
    Optional<Address> to = destination(frame.psdu());
    if (to.isEmpty()) {
      malformed.increment();
    }
    to.ifPresent(
        address -> stations.receiversOf(address, frame.sender(), s -> receive(s, frame)));
    if (frame.onAir() != null) {
      frame.onAir().run();
    }
  }

  private void receive(Station station, MediumStage.AirFrame frame) {
    if (settings.lossProbability() > 0 && random.nextDouble() < settings.lossProbability()) {
      lost.increment();
    } else {
      deliveries.increment();
      station.receiver.receive(frame.psdu().clone(), settings.rssi(), settings.lqi());
    }
  }

  /**
   * Who {@code psdu} (FCS included, as the medium filled it in) is for, as the MAC frame decoder
   * reads it (IEEE 802.15.4-2015 §7.2); empty for a frame it refuses, which no station then hears.
   */
  static Optional<Address> destination(byte[] psdu) {
    Decoded<MacFrame> decoded = MacFrameCodec.decode(psdu, true);
    return decoded instanceof Decoded.Ok<MacFrame> ok
        ? Optional.of(ok.value().header().destination())
        : Optional.empty();
  }
}
