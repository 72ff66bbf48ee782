package io.sluice.stack.s3;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;

/** An access key pair generated per stack; {@link #toString()} hides the secret. */
record S3Credentials(String accessKey, String secretKey) {
    private static final String ACCESS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    S3Credentials {
        requireNonNull(accessKey, "accessKey");
        requireNonNull(secretKey, "secretKey");
    }

    static S3Credentials generate() {
        SecureRandom random = new SecureRandom();
        return new S3Credentials(random(random, ACCESS_ALPHABET, 20), random(random, SECRET_ALPHABET, 40));
    }

    private static String random(SecureRandom random, String alphabet, int length) {
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }
}
