package net.iotgw.radio.emulator;

import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/** A simulated device that reports each frame it gets and answers as its function says. */
public record RecordingNode(
    long extendedAddress,
    int shortAddress,
    ActorRef<byte[]> frames,
    Function<byte[], List<byte[]>> reply)
    implements RadioNode {

  public static RecordingNode silent(long ext, int shortAddress, ActorRef<byte[]> frames) {
    return new RecordingNode(ext, shortAddress, frames, f -> List.of());
  }

  @Override
  public List<byte[]> onFrame(byte[] psdu) {
    frames.tell(psdu);
    return reply.apply(psdu);
  }
}
