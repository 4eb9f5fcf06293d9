package io.jtrader.rpc.security;

import io.jtrader.rpc.RpcConfigurationException;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CurveZMQ key pair in the Z85 text form ZeroMQ tools use (40 characters per 32-byte key), and the ZeroMQ
 * certificate files that hold them ({@code zcert} format: {@code curve / public-key = "..." / secret-key = "..."}),
 * readable by CZMQ's {@code zcert_load}, JeroMQ's {@code ZCert} and pyzmq's {@code zmq.auth.load_certificate}.
 *
 * @param publicKey Z85 public key (40 characters)
 * @param secretKey Z85 secret key (40 characters), or null when only the public half is known
 */
public record CurveKeys(String publicKey, String secretKey) {
    /** Owner read/write only: secret certificate files are created with these permissions. */
    public static final Set<PosixFilePermission> SECRET_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    private static final Pattern PUBLIC_LINE = Pattern.compile("^\\s*public-key\\s*=\\s*\"([^\"]*)\"", Pattern.MULTILINE);
    private static final Pattern SECRET_LINE = Pattern.compile("^\\s*secret-key\\s*=\\s*\"([^\"]*)\"", Pattern.MULTILINE);

    public CurveKeys {
        requireKey("public key", publicKey);
        if (secretKey != null) {
            requireKey("secret key", secretKey);
        }
    }

    /** A new random key pair. */
    public static CurveKeys generate() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        return new CurveKeys(pair.publicKey, pair.secretKey);
    }

    /** Checks that {@code z85} is a 40-character Z85 key and returns it; the message names {@code what}. */
    public static String requireKey(String what, String z85) {
        if (z85 == null || z85.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new RpcConfigurationException(what + " must be a 40-character Z85 CurveZMQ key (as printed by"
                    + " 'jtrader keys'), got " + (z85 == null ? "null" : z85.length() + " characters"));
        }
        byte[] raw = ZMQ.Curve.z85Decode(z85);
        if (raw == null || raw.length != ZMQ.Curve.KEY_SIZE) {
            throw new RpcConfigurationException(what + " is not valid Z85 text: '" + z85 + "'");
        }
        return z85;
    }

    public boolean hasSecret() {
        return secretKey != null;
    }

    public byte[] publicKeyBytes() {
        return ZMQ.Curve.z85Decode(publicKey);
    }

    /** @throws IllegalStateException when only the public half is known */
    public byte[] secretKeyBytes() {
        if (secretKey == null) {
            throw new IllegalStateException("this key has no secret half (it was read from a public certificate)");
        }
        return ZMQ.Curve.z85Decode(secretKey);
    }

    /** Only the public half (for allow-lists and logs). */
    public CurveKeys publicOnly() {
        return new CurveKeys(publicKey, null);
    }

    /**
     * Reads a ZeroMQ certificate file: a secret one ({@code NAME.key_secret}) gives both halves, a public one
     * ({@code NAME.key}) the public key only. A file that holds nothing but one 40-character Z85 key is read
     * as a public key.
     *
     * @throws RpcConfigurationException naming the file when it is missing, unreadable or malformed
     */
    public static CurveKeys read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RpcConfigurationException("cannot read the CurveZMQ certificate " + file + ": " + e
                    + " (create one with 'jtrader keys')", e);
        }
        String trimmed = text.strip();
        if (trimmed.length() == ZMQ.Curve.KEY_SIZE_Z85 && !trimmed.contains("=")) {
            return new CurveKeys(trimmed, null);
        }
        Matcher pub = PUBLIC_LINE.matcher(text);
        if (!pub.find()) {
            throw new RpcConfigurationException(file + " is not a ZeroMQ certificate: no 'public-key = \"...\"' line");
        }
        Matcher sec = SECRET_LINE.matcher(text);
        try {
            return new CurveKeys(pub.group(1), sec.find() ? sec.group(1) : null);
        } catch (RpcConfigurationException e) {
            throw new RpcConfigurationException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code file} and requires its secret half.
     *
     * @throws RpcConfigurationException when the file has no secret key (a public certificate was given)
     */
    public static CurveKeys readSecret(Path file) {
        CurveKeys keys = read(file);
        if (!keys.hasSecret()) {
            throw new RpcConfigurationException(file + " holds only a public key; give the secret certificate"
                    + " (the NAME.key_secret file written by 'jtrader keys')");
        }
        return keys;
    }

    /**
     * Writes {@code base.key} (public certificate) and {@code base.key_secret} (secret certificate, created
     * owner-only where the file system has POSIX permissions). Refuses to overwrite either file.
     *
     * @return the two files written: public, secret
     * @throws IOException when a file exists already or cannot be written
     */
    public List<Path> writeCertificates(Path directory, String name) throws IOException {
        if (!hasSecret()) {
            throw new IllegalStateException("cannot write a secret certificate without the secret key");
        }
        if (name == null || !name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) {
            throw new IllegalArgumentException("key name must be letters, digits, '_', '-' or '.', got '" + name + "'");
        }
        Files.createDirectories(directory);
        Path publicFile = directory.resolve(name + ".key");
        Path secretFile = directory.resolve(name + ".key_secret");
        for (Path p : List.of(publicFile, secretFile)) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null, "refusing to overwrite a key file; remove it first");
            }
        }
        createOwnerOnly(secretFile);
        Files.writeString(secretFile, certificateText(true), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(publicFile, certificateText(false), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return List.of(publicFile, secretFile);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(SECRET_FILE_PERMISSIONS));
        } else {
            Files.createFile(file);
            java.io.File f = file.toFile();
            boolean restricted = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true);
            if (!restricted) {
                throw new IOException("cannot restrict " + file + " to its owner; not writing a secret key there");
            }
        }
    }

    /** The certificate text in CZMQ's zcert layout. */
    public String certificateText(boolean includeSecret) {
        StringWriter out = new StringWriter();
        out.append("#   ****  Generated on ").append(OffsetDateTime.now().toString()).append(" by jtrader keys  ****\n");
        out.append("#   ZeroMQ CURVE ").append(includeSecret ? "**Secret** Certificate\n" : "Public Certificate\n");
        out.append(includeSecret ? "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n"
                : "#   Exchange securely, or use a secure mechanism to verify the contents\n"
                + "#   of this file after exchange. Store public certificates in your home\n"
                + "#   directory, in the .curve subdirectory.\n");
        out.append("\nmetadata\ncurve\n");
        out.append("    public-key = \"").append(publicKey).append("\"\n");
        if (includeSecret) {
            out.append("    secret-key = \"").append(secretKey).append("\"\n");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "CurveKeys[public=" + publicKey + (secretKey == null ? "" : ", secret=<hidden>") + "]";
    }
}
