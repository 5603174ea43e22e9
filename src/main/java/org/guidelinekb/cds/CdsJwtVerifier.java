package org.guidelinekb.cds;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.guidelinekb.error.AuthException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the JWT a CDS client sends as {@code Authorization: Bearer} (CDS Hooks 2.0.1, "Trusting CDS Clients"), with
 * Nimbus's {@link DefaultJWTProcessor}: header {@code typ} = JWT ({@link DefaultJOSEObjectTypeVerifier}) and a
 * {@code kid}; an asymmetric signature only ({@link #ALGORITHMS}: RS*, PS*, ES*; a symmetric HS* token is refused)
 * verified with the client's keys — the configured JWK set, or the set at the token's {@code jku} when that URL is on
 * the operator's list (fetched with short timeouts, size limit and rate limit, cached 5 minutes); claims checked by
 * {@link DefaultJWTClaimsVerifier}: {@code iss} = the configured issuer, {@code aud} = exactly the URL of the CDS
 * Service endpoint invoked, {@code exp} (not passed), {@code iat} and {@code jti} present. Then: {@code exp} at most
 * five minutes ahead, {@code iat} not in the future, and a {@code jti} not seen before (replays are refused until the
 * token expires). Failures are 401 problems saying what was wrong.
 *
 * <p>State: the recently seen {@code jti} values, bounded by token lifetime (at most 5 minutes), and one cached key
 * source per allowed {@code jku}.
 */
public final class CdsJwtVerifier {
    /** The signature algorithms accepted: asymmetric only (CDS Hooks: "SHALL NOT be signed using any symmetric algorithm"). */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int SKEW_SECONDS = 60;
    private static final long MAX_LIFETIME_SECONDS = 300;
    private static final Set<String> REQUIRED = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE, JWTClaimNames.EXPIRATION_TIME,
            JWTClaimNames.ISSUED_AT, JWTClaimNames.JWT_ID);

    private final CdsJwtSettings settings;
    private final List<JWK> keys;
    private final Map<String, JWKSource<SecurityContext>> jkuSources = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public CdsJwtVerifier(CdsJwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.keys = settings.publicKeys() == null ? null : parseKeys(settings.publicKeys());
        if (settings.configured() && settings.issuer() == null) throw new IllegalArgumentException("CDS JWT: an issuer is required (--cds-jwt-issuer)");
        if (settings.configured() && keys == null && settings.jkuAllow().isEmpty()) {
            throw new IllegalArgumentException("CDS JWT: give the client's public keys (--cds-jwt-public-key) "
                    + "or the JWK set URLs a token's jku may name (--cds-jwt-jku-allow)");
        }
        for (String u : settings.jkuAllow()) url(u);
    }

    /**
     * Like {@link #check}, but a valid JWT is required whatever the settings: for writes (feedback). Without JWT
     * settings nobody can authenticate, so this always refuses (401).
     */
    public void require(String authorization, List<String> audiences) {
        if (!settings.configured()) {
            throw new AuthException("CDS feedback is stored only from an authenticated CDS client, and this server trusts none "
                    + "(the operator configures client JWTs, or opens feedback with --cds-feedback-open)", true);
        }
        if (authorization == null || authorization.isBlank()) {
            throw new AuthException("CDS feedback needs a JWT: send Authorization: Bearer <JWT> signed by a trusted client", true);
        }
        check(authorization, audiences);
    }

    /**
     * Checks the Authorization header of a call; {@code audiences} are the URLs the token may be for (the endpoint
     * invoked). Does nothing when JWT is not configured, or when it is optional and no token is sent.
     */
    public void check(String authorization, List<String> audiences) {
        if (!settings.configured()) return;
        if (authorization == null || authorization.isBlank()) {
            if (settings.required()) {
                throw new AuthException("this CDS service requires a JWT: send Authorization: Bearer <JWT> signed by a trusted client", true);
            }
            return;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) throw new AuthException("the Authorization header must be 'Bearer <JWT>'", true);
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
        } catch (ParseException e) {
            throw new AuthException("the bearer token is not a signed JWT", true);
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new AuthException("the JWT's alg " + header.getAlgorithm()
                    + " is not accepted: CDS Hooks allows only asymmetric signatures (e.g. ES384, RS384)", true);
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) throw new AuthException("the JWT's header has no kid (required by CDS Hooks)", true);
        JWTClaimsSet claims;
        try {
            claims = processor(audiences).process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new AuthException("the JWT was refused: " + e.getMessage(), true);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp.toInstant().isAfter(now.plusSeconds(MAX_LIFETIME_SECONDS + SKEW_SECONDS))) {
            throw new AuthException("the JWT's exp is more than 5 minutes ahead", true);
        }
        if (claims.getIssueTime().toInstant().isAfter(now.plusSeconds(SKEW_SECONDS))) throw new AuthException("the JWT's iat is in the future", true);
        String jti = claims.getJWTID();
        if (jti.isBlank()) throw new AuthException("the JWT needs a jti", true);
        long nowSec = now.getEpochSecond();
        seen.values().removeIf(until -> until < nowSec);
        if (seen.putIfAbsent(settings.issuer() + " " + jti, exp.toInstant().getEpochSecond() + SKEW_SECONDS) != null) {
            throw new AuthException("the JWT's jti was already used (replay)", true);
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(List<String> audiences) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        p.setJWSKeySelector(this::selectKeys);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(new HashSet<>(audiences),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), REQUIRED, Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(SKEW_SECONDS);
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    /**
     * The keys for a header: from its jku when that is an allowed URL, else the configured keys with the header's
     * kid (a key without a kid, e.g. from PEM, stands for any kid).
     */
    private List<? extends java.security.Key> selectKeys(JWSHeader header, SecurityContext ctx) throws KeySourceException {
        JWKSource<SecurityContext> source;
        if (header.getJWKURL() != null) {
            String jku = header.getJWKURL().toString();
            if (!settings.jkuAllow().contains(jku)) throw new KeySourceException("the JWT's jku is not a JWK set URL this server trusts");
            source = jkuSources.computeIfAbsent(jku, u -> JWKSourceBuilder.<SecurityContext>create(url(u)).retrying(false).build());
        } else if (keys != null) {
            List<JWK> match = new ArrayList<>();
            for (JWK k : keys) {
                if (k.getKeyID() == null) match.add(withKid(k, header.getKeyID()));
                else if (k.getKeyID().equals(header.getKeyID())) match.add(k);
            }
            source = new ImmutableJWKSet<>(new JWKSet(match));
        } else {
            throw new KeySourceException("the JWT names no jku, and no client keys are configured");
        }
        JWSKeySelector<SecurityContext> selector = new JWSVerificationKeySelector<>(ALGORITHMS, source);
        return selector.selectJWSKeys(header, ctx);
    }

    private static JWK withKid(JWK k, String kid) {
        return k instanceof RSAKey rsa ? new RSAKey.Builder(rsa).keyID(kid).build() : new ECKey.Builder((ECKey) k).keyID(kid).build();
    }

    private static URL url(String u) {
        try {
            URL url = URI.create(u).toURL();
            if (!url.getProtocol().equals("https") && !url.getProtocol().equals("http")) throw new MalformedURLException("not http(s)");
            return url;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--cds-jwt-jku-allow: not an http(s) URL: " + u, e);
        }
    }

    /** A PEM public key (RSA or EC), a JWK, or a JWK set; public asymmetric keys only. */
    static List<JWK> parseKeys(String text) {
        String t = text.strip();
        List<JWK> out = new ArrayList<>();
        try {
            if (t.startsWith("{")) {
                out.addAll(t.contains("\"keys\"") ? JWKSet.parse(t).getKeys() : List.of(JWK.parse(t)));
            } else {
                String b64 = t.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
                byte[] der = Base64.getDecoder().decode(b64);
                for (String alg : new String[] {"RSA", "EC"}) {
                    try {
                        PublicKey k = KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
                        if (k instanceof RSAPublicKey rsa) out.add(new RSAKey.Builder(rsa).build());
                        if (k instanceof ECPublicKey ec) out.add(new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build());
                        break;
                    } catch (java.security.GeneralSecurityException e) {
                        // not this algorithm; try the next
                    }
                }
                if (out.isEmpty()) throw new IllegalArgumentException("CDS JWT: the public key is neither an RSA nor an EC key");
            }
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("CDS JWT: cannot read the public key (PEM 'PUBLIC KEY', JWK or JWK set): " + e.getMessage(), e);
        }
        for (JWK k : out) {
            if (k.getKeyType() != KeyType.RSA && k.getKeyType() != KeyType.EC) {
                throw new IllegalArgumentException("CDS JWT: only RSA and EC public keys are accepted (CDS Hooks forbids symmetric keys), not "
                        + k.getKeyType());
            }
            if (k.isPrivate()) throw new IllegalArgumentException("CDS JWT: the key file holds a private key; give the client's public keys only");
        }
        return out;
    }
}
