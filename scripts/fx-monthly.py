#!/usr/bin/env python3
"""Writes src/capex/fx_monthly.csv, the monthly exchange rates capbrief converts with.

The rates are the Federal Reserve Board's monthly averages of daily noon buying rates in New
York (statistical releases H.10 and G.5), as FRED publishes them in its EX..US series. Pass
the monthly file of the public data package at https://github.com/datasets/exchange-rates
(data/monthly.csv, taken from FRED: `Date,Country,Exchange rate`, currency units per US
dollar; for the euro, the pound and the Australian dollar the package holds the reciprocal of
the Fed's dollars-per-unit quote, rounded to four decimals).

    scripts/fx-monthly.py path/to/monthly.csv > src/capex/fx_monthly.csv

The Saudi riyal and the UAE dirham are pegged to the dollar (3.75 riyals since 1986, 3.6725
dirhams since 1997, set by their central banks) and are written at the peg every month.
"""
import csv
import sys

FIRST, LAST = "2020-01", None  # LAST: the newest month every currency has
COUNTRIES = {
    "AUD": "Australia", "BRL": "Brazil", "CAD": "Canada", "CHF": "Switzerland",
    "CNY": "China", "EUR": "Euro", "GBP": "United Kingdom", "HKD": "Hong Kong",
    "INR": "India", "JPY": "Japan", "KRW": "South Korea", "MXN": "Mexico", "MYR": "Malaysia",
    "SEK": "Sweden", "SGD": "Singapore", "TWD": "Taiwan",
}
PEGS = {"AED": "3.6725", "SAR": "3.75"}


def main(path):
    rates = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            month = row["Date"][:7]
            if month >= FIRST and row["Exchange rate"]:
                rates.setdefault(month, {})[row["Country"]] = row["Exchange rate"]
    codes = sorted(list(COUNTRIES) + list(PEGS))
    complete = [m for m in sorted(rates) if all(c in rates[m] for c in COUNTRIES.values())]
    out = csv.writer(sys.stdout, lineterminator="\n")
    print("# Currency units per US dollar, monthly averages. Source: Board of Governors of the")
    print("# Federal Reserve System, H.10/G.5 (FRED series EX..US), via the datasets/exchange-rates")
    print("# data package; AED and SAR at their official dollar pegs. Made by scripts/fx-monthly.py.")
    out.writerow(["month"] + codes)
    for m in complete:
        out.writerow([m] + [PEGS.get(c) or rates[m][COUNTRIES[c]] for c in codes])


if __name__ == "__main__":
    main(sys.argv[1])
