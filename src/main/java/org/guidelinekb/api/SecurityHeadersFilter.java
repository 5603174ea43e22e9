package org.guidelinekb.api;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Security headers on every response of the shared port (Fuseki's and the API's alike). Our own pages get a
 * strict Content-Security-Policy (scripts and styles only from this server); Fuseki's query UI under {@code /ui/}
 * keeps a looser one because its bundled editor evaluates code and inlines styles.
 */
public final class SecurityHeadersFilter implements Filter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    static final String UI_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (res instanceof HttpServletResponse http && req instanceof HttpServletRequest request) {
            http.setHeader("X-Content-Type-Options", "nosniff");
            http.setHeader("Referrer-Policy", "no-referrer");
            http.setHeader("X-Frame-Options", "DENY");
            http.setHeader("Content-Security-Policy", request.getRequestURI().startsWith(FusekiUiController.UI_PATH + "/") ? UI_CSP : CSP);
        }
        chain.doFilter(req, res);
    }
}
