package net.iotgw.protocols.ike.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import net.iotgw.protocols.ike.engine.IkeOutput.DropReason;
import net.iotgw.protocols.ike.engine.TestPki.KeyType;
import net.iotgw.protocols.ike.engine.TestPki.Party;
import net.iotgw.protocols.ike.engine.TestProfiles.TestSuite;
import org.junit.jupiter.api.Test;

/**
 * Everything a peer or an attacker can send is total: every message of real handshakes (PSK, and
 * certificates in IKE fragments), truncated at every length and mutated thousands of ways, and
 * random bytes, given to the state that would receive it and to every other state, yields outputs
 * and never an exception. A protected message that fails its integrity check changes nothing and
 * is never answered (RFC 7296 §2.21).
 */
class HostileInputTest {
  private static final int MUTATIONS = 400;
  /** Inputs of each message also given to the states it is not meant for. */
  private static final int CROSS_FED = 60;

  private static final java.security.SecureRandom RANDOM = Conversation.seeded(115);
  private static final CookieGate COOKIES = CookieGate.require(CookieSecrets.create(RANDOM));

  /** One recorded conversation and the states each of its messages was delivered to. */
  private record Scene(Conversation done, Supplier<Conversation> replay) {}

  private static Scene psk() {
    Supplier<Conversation> fresh = () -> {
      Conversation c = TestProfiles.pskConversation(TestSuite.AES_GCM_16_X25519, 111);
      c.start(Optional.of(TestProfiles.CD));
      return c;
    };
    Conversation done = fresh.get();
    done.run();
    return new Scene(done, fresh);
  }

  private static Scene fragmentedCertificates() {
    Supplier<Conversation> fresh = () -> {
      TestPki pki = new TestPki(Conversation.seeded(112));
      Party ca = pki.ca("iotgw test CA", KeyType.P256);
      Party ud = pki.endEntity(ca, "ud@example.org", KeyType.ED25519);
      Party cd = pki.endEntity(ca, "cd1@example.org", KeyType.P256);
      Limits small = Limits.DEFAULT.withMaxMessageBytes(400);
      TestSuite s = TestSuite.AES_CBC_256_SHA256_ECP256;
      Conversation c = new Conversation(
          TestProfiles.config(TestProfiles.cert(TestProfiles.UD, TestProfiles.CD, ud, ca, s), true)
              .withLimits(small),
          TestProfiles.config(TestProfiles.cert(TestProfiles.CD, TestProfiles.UD, cd, ca, s), false)
              .withLimits(small),
          113);
      c.start(Optional.of(TestProfiles.CD));
      return c;
    };
    Conversation done = fresh.get();
    done.run();
    return new Scene(done, fresh);
  }

  @Test
  void pskHandshakeMessagesMutatedNeverThrow() {
    attack(psk());
  }

  @Test
  void fragmentedCertificateHandshakeMessagesMutatedNeverThrow() {
    attack(fragmentedCertificates());
  }

  private static void attack(Scene scene) {
    Conversation done = scene.done();
    assertInstanceOf(IkeState.Established.class, done.responder);
    List<Datagram> messages = new ArrayList<>(done.sentByInitiator);
    messages.addAll(done.sentByResponder);
    Random random = new Random(114);
    List<Supplier<Target>> targets = targets(scene);
    for (Datagram m : messages) {
      List<byte[]> inputs = new ArrayList<>();
      for (int n = 0; n < m.message().length; n++) {
        inputs.add(Arrays.copyOf(m.message(), n));
      }
      for (int i = 0; i < MUTATIONS; i++) {
        inputs.add(mutate(m.message(), random));
      }
      for (int i = 0; i < 50; i++) {
        byte[] junk = new byte[random.nextInt(600)];
        random.nextBytes(junk);
        inputs.add(junk);
      }
      for (Supplier<Target> target : targets) {
        Target t = target.get();
        List<byte[]> fed = t.takes(m) ? inputs : inputs.subList(0, Math.min(CROSS_FED, inputs.size()));
        for (byte[] input : fed) {
          t = t.feed(m, input);
        }
      }
    }
  }

  /** A state and how to get a fresh copy of it once an input moved it on. */
  private record Target(String name, Supplier<IkeState> fresh, IkeState state,
      EngineConfig config, boolean protectedPhase) {

    /** Whether {@code m} is a message this state exists to receive. */
    boolean takes(Datagram m) {
      var h = net.iotgw.protocols.ike.codec.IkeDecoder.decodeHeader(m.message()).orThrow();
      boolean init = h.exchangeType() == 34;
      if (state == null) {
        return init && !h.response();
      }
      if (state instanceof IkeState.Connecting) {
        return init && h.response();
      }
      if (state instanceof IkeState.AuthRequested) {
        return !init && h.response();
      }
      return !init && !h.response();
    }

    Target feed(Datagram original, byte[] input) {
      Datagram d = new Datagram(original.remote(), original.local(), input);
      IkeStep step;
      try {
        step = state == null
            ? IkeSaEngine.respond(config, d, input.length % 7 == 0 ? COOKIES : CookieGate.open(),
                TestPki.NOW, RANDOM)
            : IkeSaEngine.handle(state, new IkeEvent.Received(d), TestPki.NOW, RANDOM);
      } catch (RuntimeException e) {
        throw new AssertionError(name + " threw on " + input.length + " bytes", e);
      }
      assertTrue(!step.outputs().isEmpty() || step.state() != null, name);
      boolean integrityDrop = step.all(IkeOutput.Dropped.class).stream()
          .anyMatch(x -> x.reason() == DropReason.INTEGRITY);
      if (protectedPhase && integrityDrop) {
        assertEquals(List.of(), step.all(IkeOutput.Send.class), name + ": silent drop");
        assertEquals(state, step.state(), name + ": state unchanged");
      }
      // States are values, but a closed SA zeroed its keys and a finished IKE_SA_INIT its
      // private key: only then is a fresh copy needed for the next input.
      boolean consumed = step.state() instanceof IkeState.Closed
          || state instanceof IkeState.Connecting && step.state() != state;
      return state == null || !consumed ? this
          : new Target(name, fresh, fresh.get(), config, protectedPhase);
    }
  }

  private static List<Supplier<Target>> targets(Scene scene) {
    Conversation done = scene.done();
    List<Supplier<Target>> out = new ArrayList<>();
    out.add(() -> new Target("responder without SA", () -> null, null, done.responderConfig,
        false));
    Supplier<IkeState> connecting = () -> scene.replay().get().initiator;
    out.add(() -> new Target("Connecting", connecting, connecting.get(), null, false));
    Supplier<IkeState> halfOpen = () -> {
      Conversation c = scene.replay().get();
      c.stepToResponder();
      return c.responder;
    };
    out.add(() -> new Target("HalfOpen", halfOpen, halfOpen.get(), null, true));
    Supplier<IkeState> authRequested = () -> {
      Conversation c = scene.replay().get();
      c.stepToResponder();
      c.stepToInitiator();
      return c.initiator;
    };
    out.add(() -> new Target("AuthRequested", authRequested, authRequested.get(), null, true));
    Supplier<IkeState> awaiting = () -> {
      Conversation c = scene.replay().get();
      c.holdKeys = true;
      c.run();
      return c.responder;
    };
    out.add(() -> new Target("AwaitingKeys", awaiting, awaiting.get(), null, true));
    Supplier<IkeState> established = () -> {
      Conversation c = scene.replay().get();
      c.run();
      return c.responder;
    };
    out.add(() -> new Target("Established", established, established.get(), null, true));
    for (Supplier<Target> t : out) {
      if (t.get().state() == null && !t.get().name().startsWith("responder")) {
        fail(t.get().name() + " could not be reached");
      }
    }
    return out;
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] b = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      case 2 -> {
        // A length or count field set to an extreme.
        int at = random.nextInt(Math.max(1, b.length - 1));
        b[at] = (byte) (random.nextBoolean() ? 0xff : 0);
        b[at + 1] = (byte) (random.nextBoolean() ? 0xff : 0);
      }
      default -> {
        int cut = random.nextInt(b.length);
        byte[] extra = new byte[random.nextInt(40)];
        random.nextBytes(extra);
        byte[] out = Arrays.copyOf(b, cut + extra.length + (b.length - cut));
        System.arraycopy(extra, 0, out, cut, extra.length);
        System.arraycopy(b, cut, out, cut + extra.length, b.length - cut);
        return out;
      }
    }
    return b;
  }
}
