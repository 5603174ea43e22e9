package org.guidelinekb.api;

import java.util.List;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.questions.QuestionComparison;
import org.guidelinekb.questions.Questions;
import org.guidelinekb.questions.VersionRef;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Clinical questions across guidelines and versions:
 * <ul>
 * <li>{@code GET /api/questions/{q}/compare?versions=g@v,g@v[,...]} (or {@code ?guideline=g&from=v&to=v}): what each
 *     version says about the question, grouped by action, as JSON or Markdown ({@code Accept: text/markdown});</li>
 * <li>{@code GET /api/questions/{q}/timeline[?versions=...]}: the question's publications against the versions' dates.</li>
 * </ul>
 * An unknown question or version is a 404 problem; a malformed or too short version list a 400.
 */
public final class QuestionController {
    static final List<String> OFFERS = List.of("application/json", CompareController.MARKDOWN);

    private final Questions questions;

    public QuestionController(Questions questions) {
        this.questions = questions;
    }

    public void routes(RoutesConfig r) {
        r.get("/api/questions/{q}/compare", this::compare);
        r.get("/api/questions/{q}/timeline", this::timeline);
    }

    void compare(Context ctx) {
        String type = AcceptNegotiation.choose(ctx.header("Accept"), OFFERS);
        List<VersionRef> versions = VersionRef.parse(ctx.queryParam("versions"), ctx.queryParam("guideline"),
                ctx.queryParam("from"), ctx.queryParam("to"), 2);
        if (versions == null) {
            throw new InvalidInputException("say which versions to compare: versions=g@v,g@v or guideline=g&from=v&to=v",
                    List.of(new InvalidInputException.FieldError("versions", "required (or guideline, from and to)", "nccn-breast@2015,nccn-breast@6.2026")));
        }
        QuestionComparison c = questions.compare(ctx.pathParam("q"), versions);
        if (type.equals(CompareController.MARKDOWN)) {
            ctx.contentType(CompareController.MARKDOWN + "; charset=utf-8").result(questions.markdown(c));
        } else {
            ctx.json(c);
        }
    }

    void timeline(Context ctx) {
        List<VersionRef> versions = VersionRef.parse(ctx.queryParam("versions"), ctx.queryParam("guideline"),
                ctx.queryParam("from"), ctx.queryParam("to"), 1);
        ctx.json(questions.timeline(ctx.pathParam("q"), versions));
    }
}
