package net.iotgw.radio.emulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.iotgw.protocols.ieee802154.Address;

/**
 * The attached stations, indexed by the addresses their radios accept, so that a unicast frame is
 * matched in constant time however many simulated devices share the medium. When two stations claim
 * one address, the later one receives.
 */
final class Stations {
  private final Set<Station> all = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Long, Station> byExtended = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, Station> byShort = new ConcurrentHashMap<>();

  void add(Station s) {
    all.add(s);
    bind(s);
  }

  void remove(Station s) {
    all.remove(s);
    unbind(s);
  }

  void rebind(Station s, long extended, int shortAddress) {
    unbind(s);
    s.setAddresses(extended, shortAddress);
    if (all.contains(s)) {
      bind(s);
    }
  }

  /** The station that receives frames to {@code extended}, if any. */
  Station byExtended(long extended) {
    return byExtended.get(extended);
  }

  int size() {
    return all.size();
  }

  /**
   * Every station whose filter accepts a frame to {@code to}, except its sender. A frame without a
   * destination (to the PAN coordinator, a beacon, an Imm-Ack) or to the broadcast short address is
   * heard by every radio.
   */
  void receiversOf(Address to, Station sender, Consumer<Station> action) {
    if (to instanceof Address.Short s && !s.isBroadcast()) {
      deliverTo(byShort.get(s.value()), sender, action);
    } else if (to instanceof Address.Extended e) {
      deliverTo(byExtended.get(e.value()), sender, action);
    } else {
      all.forEach(
          station -> {
            if (station != sender) {
              action.accept(station);
            }
          });
    }
  }

  private static void deliverTo(Station s, Station sender, Consumer<Station> action) {
    if (s != null && s != sender) {
      action.accept(s);
    }
  }

  private void bind(Station s) {
    byExtended.put(s.extendedAddress(), s);
    if (s.shortAddress() < 0xFFFE) {
      byShort.put(s.shortAddress(), s);
    }
  }

  private void unbind(Station s) {
    byExtended.remove(s.extendedAddress(), s);
    byShort.remove(s.shortAddress(), s);
  }
}
