# Merges the findings of strongswan-log-extract.awk from both charon logs into
# secrets.properties (stdout) and matches each encrypted IKE message of
# messages.txt with the plaintext a log shows for it (plaintexts file).
# Every value both logs show (or one log shows twice) must be identical; any
# mismatch or missing required value fails the capture (exit 1).
#
#   awk -v suite=S -v idi=ID -v idr=ID -v plaintexts=FILE -v header=TEXT \
#       -f strongswan-fixture-merge.awk i.kv r.kv messages.txt

function fail(msg) { print "strongswan-fixture-merge: " msg > "/dev/stderr"; failed = 1; exit 1 }

function add(key, value, src) {
  if (!(key in val)) { val[key] = value; srcs[key] = src; return }
  if (val[key] != value) fail(key " differs: " val[key] " (" srcs[key] ") vs " value " (" src ")")
  if (index(srcs[key], src) == 0) srcs[key] = srcs[key] "+" src
}

function emit(key, why,    v) {
  if (!(key in val)) fail("missing " key)
  v = val[key] == "-" ? "" : val[key]
  print "# " srcs[key] ": " why
  print key "=" v
}

# Keys that AEAD suites do not have: present but empty.
function emit_optional(key, why) {
  if (!(key in val)) { val[key] = "-"; srcs[key] = "none" ; why = why " (none: AEAD transform)" }
  emit(key, why)
}

{ file = FILENAME == ARGV[1] ? 1 : (FILENAME == ARGV[2] ? 2 : 3) }

file <= 2 && $1 == "crypt" { crypt_n++; crypt_wire[crypt_n] = $2; crypt_plain[crypt_n] = $3; crypt_pad[crypt_n] = $4; next }
file <= 2 { add($1, substr($0, length($1) + 2), file == 1 ? "i" : "r"); next }

# messages.txt: DIRECTION PORT HEX
file == 3 {
  msg_n++
  hex = $3
  if (msg_n == 1) add("spi_i", substr(hex, 1, 16), "wire")
  if (msg_n == 2) add("spi_r", substr(hex, 17, 16), "wire")
  np = substr(hex, 33, 2)
  if (np != "2e" && np != "35") next # not SK / SKF
  found = 0
  for (c = 1; c <= crypt_n; c++) {
    if (index(hex, crypt_wire[c]) == 0) continue
    if (found && (plain != crypt_plain[c] || pad != crypt_pad[c])) fail("message " msg_n ": logs disagree on plaintext")
    plain = crypt_plain[c]; pad = crypt_pad[c]; found = 1
  }
  if (!found) fail("message " msg_n ": no log shows its plaintext")
  print msg_n, plain, pad > plaintexts
}

END {
  if (failed) exit 1
  if (msg_n < 4) fail("only " msg_n " IKE messages")
  add("suite", suite, "config")
  add("id_i", idi, "config")
  add("id_r", idr, "config")
  if (val["ke_i_group"] != val["ke_r_group"]) fail("KE groups differ")
  add("dh_group", val["ke_i_group"], srcs["ke_i_group"])

  print header
  emit("suite", "capture suite name")
  emit("ike_proposal", "\"selected proposal: IKE:...\"")
  emit("esp_proposal", "\"selected proposal: ESP:...\"")
  emit("id_i", "initiator identity (swanctl local.id), ID type 3 = ID_RFC822_ADDR")
  emit("id_r", "responder identity")
  emit("spi_i", "IKE SPIi, IKE header of message 1")
  emit("spi_r", "IKE SPIr, IKE header of message 2")
  emit("dh_group", "KE payload, Diffie-Hellman group number (RFC 7296 3.4)")
  emit("ke_i", "KE payload data of IKE_SA_INIT request")
  emit("ke_r", "KE payload data of IKE_SA_INIT response")
  emit("ni", "Nonce payload data of IKE_SA_INIT request")
  emit("nr", "Nonce payload data of IKE_SA_INIT response")
  emit("dh_shared_secret", "\"shared Diffie Hellman secret\" (g^ir)")
  emit("skeyseed", "\"SKEYSEED\" = prf(Ni | Nr, g^ir)")
  emit("sk_d", "\"Sk_d secret\"")
  emit_optional("sk_ai", "\"Sk_ai secret\"")
  emit_optional("sk_ar", "\"Sk_ar secret\"")
  emit("sk_ei", "\"Sk_ei secret\" (for AES-GCM/ChaCha20-Poly1305: key | 4-byte salt, RFC 5282/7634)")
  emit("sk_er", "\"Sk_er secret\"")
  emit("sk_pi", "\"Sk_pi secret\"")
  emit("sk_pr", "\"Sk_pr secret\"")
  emit("id_i_prime", "\"IDx'\" of the initiator: IDi payload body (type | 3 reserved | data)")
  emit("id_r_prime", "\"IDx'\" of the responder")
  if ("psk" in val) {
    emit("psk", "\"secret\" (the pre-shared key as bytes)")
    emit("psk_keypad_prf", "\"prf(secret, keypad)\" = prf(PSK, \"Key Pad for IKEv2\")")
  }
  emit("auth_i_method", "AUTH payload Auth Method of IKE_AUTH request (2 = shared key MIC, 14 = digital signature RFC 7427)")
  emit("auth_i_scheme", "\"authentication of '<id_i>' ... with <scheme>\"")
  emit("auth_i_octets", "\"octets = message + nonce + prf(Sk_px, IDx')\" signed/MACed for the initiator")
  emit("auth_i", "AUTH payload Authentication Data of IKE_AUTH request" (("psk" in val) ? " = \"AUTH = prf(prf(secret, keypad), octets)\"" : ""))
  emit("auth_r_method", "AUTH payload Auth Method of IKE_AUTH response")
  emit("auth_r_scheme", "\"authentication of '<id_r>' ... with <scheme>\"")
  emit("auth_r_octets", "\"octets = message + nonce + prf(Sk_px, IDx')\" signed/MACed for the responder")
  emit("auth_r", "AUTH payload Authentication Data of IKE_AUTH response" (("psk" in val) ? " = \"AUTH = prf(prf(secret, keypad), octets)\"" : ""))
  emit("esp_spi_i", "ESP SPI chosen by the initiator (inbound at the initiator: protects r->i), \"established with SPIs X_i Y_o\"")
  emit("esp_spi_r", "ESP SPI chosen by the responder (protects i->r)")
  emit("esp_ts", "CHILD_SA traffic selectors TSi === TSr")
  emit("esp_keymat_seed", "CHD \"seed\" = Ni | Nr (no PFS) for KEYMAT = prf+(SK_d, seed)")
  emit("esp_encr_i", "CHD \"encryption initiator key\" (i->r; AEAD: key | salt)")
  emit("esp_encr_r", "CHD \"encryption responder key\" (r->i)")
  emit_optional("esp_integ_i", "CHD \"integrity initiator key\"")
  emit_optional("esp_integ_r", "CHD \"integrity responder key\"")
}
