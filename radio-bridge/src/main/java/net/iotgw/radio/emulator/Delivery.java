package net.iotgw.radio.emulator;

import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

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
    MacDestination to = MacDestination.of(frame.psdu());
    if (to.mode() == MacDestination.Mode.MALFORMED) {
      malformed.increment();
    }
    stations.receiversOf(
        to,
        frame.sender(),
        station -> {
          if (settings.lossProbability() > 0 && random.nextDouble() < settings.lossProbability()) {
            lost.increment();
          } else {
            deliveries.increment();
            station.receiver.receive(frame.psdu().clone(), settings.rssi(), settings.lqi());
          }
        });
    if (frame.onAir() != null) {
      frame.onAir().run();
    }
  }
}
