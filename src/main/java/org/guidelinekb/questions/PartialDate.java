package org.guidelinekb.questions;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A date known to the year, month or day, as the interval of days it may stand for. Two such dates are ordered only
 * when their intervals do not overlap; otherwise their order is unknown.
 */
record PartialDate(String text, String precision, LocalDate first, LocalDate last) {

    /** From a stored lexical form: {@code 2015}, {@code 2019-06} or {@code 2015-09-09}. */
    static PartialDate parse(String lexical) {
        String s = lexical.strip();
        if (s.length() == 4) {
            int y = Integer.parseInt(s);
            return new PartialDate(s, "year", LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
        }
        if (s.length() == 7) {
            YearMonth ym = YearMonth.parse(s);
            return new PartialDate(s, "month", ym.atDay(1), ym.atEndOfMonth());
        }
        LocalDate d = LocalDate.parse(s.substring(0, 10));
        return new PartialDate(d.toString(), "day", d, d);
    }

    /** A version's date: {@code date} with the precision the catalog gives ("year" = only the year is known). */
    static PartialDate of(LocalDate date, String precision) {
        if ("year".equals(precision)) return parse(String.valueOf(date.getYear()));
        if ("month".equals(precision)) return parse(YearMonth.from(date).toString());
        return new PartialDate(date.toString(), "day", date, date);
    }

    /** "before", "after" or "order-unknown", of this date relative to {@code other}. */
    String relativeTo(PartialDate other) {
        if (last.isBefore(other.first)) return "before";
        if (first.isAfter(other.last)) return "after";
        return "order-unknown";
    }
}
