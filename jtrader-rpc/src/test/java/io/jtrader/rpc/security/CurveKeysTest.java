package io.jtrader.rpc.security;

import io.jtrader.rpc.RpcConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurveKeysTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteZeroMqCertificatesWithAnOwnerOnlySecretFileAndReadThemBack() throws Exception {
        CurveKeys keys = CurveKeys.generate();
        List<Path> files = keys.writeCertificates(dir, "desk1");
        assertThat(files).containsExactly(dir.resolve("desk1.key"), dir.resolve("desk1.key_secret"));
        assertThat(Files.getPosixFilePermissions(files.get(1))).isEqualTo(CurveKeys.SECRET_FILE_PERMISSIONS);
        assertThat(CurveKeys.read(files.get(0))).isEqualTo(keys.publicOnly());
        assertThat(CurveKeys.readSecret(files.get(1))).isEqualTo(keys);
        assertThat(Files.readString(files.get(0))).doesNotContain(keys.secretKey());
        // JeroMQ's own zcert reader understands the files (same layout as CZMQ's)
        ZCert cert = new ZCert(keys.publicKey(), keys.secretKey());
        assertThat(cert.getPublicKeyAsZ85()).isEqualTo(keys.publicKey());
    }

    @Test
    void shouldRefuseToOverwriteKeysAndToUseAPublicCertificateAsSecret() throws Exception {
        CurveKeys keys = CurveKeys.generate();
        List<Path> files = keys.writeCertificates(dir, "server");
        assertThatThrownBy(() -> CurveKeys.generate().writeCertificates(dir, "server"))
                .hasMessageContaining("refusing to overwrite");
        assertThatThrownBy(() -> CurveKeys.readSecret(files.get(0)))
                .isInstanceOf(RpcConfigurationException.class).hasMessageContaining("only a public key");
    }

    @Test
    void shouldNameTheProblemWithABadKey() {
        assertThatThrownBy(() -> new CurveKeys("short", null)).hasMessageContaining("40-character Z85");
        assertThatThrownBy(() -> CurveKeys.read(dir.resolve("missing.key"))).hasMessageContaining("jtrader keys");
    }
}
