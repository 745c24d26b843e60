"""Experiments on the news ranker (issue 4, round 2): NOT what ships; kept to reproduce.

    PYTHONPATH=src python benchmarks/train_ranker.py --cache /tmp/train_cache.pkl \
        --output /tmp/model.json                      # builds the train cache (~10 min)
    PYTHONPATH=src python benchmarks/ranker_experiments.py logit listnet0.05 ridge --titles 0

Fits on OrangeSum train (cache from train_ranker.py) and scores OrangeSum valid at the shipped
budget (2 sentences, 55 words). Variants: ``logit`` (oracle membership, as shipped), ``ridge``
(mean sentence ROUGE-1/2/L F1), ``listnetT`` (ListNet, softmax of mean sentence F1 / T),
``listL T`` (same on ROUGE-L), ``listoracle`` (ListNet on oracle labels), ``soft`` (logistic on
0.5 oracle + 0.5 normalised sentence F1), ``--mmr`` for redundancy-penalised selection.
"""

import sys, json, pickle, time
sys.path.insert(0, '/work/wt-q2/benchmarks')
import numpy as np
import train_ranker as tr
from abrege import rank_news, select, clean, evaluate
from abrege.pipeline import split_sentences

def load(which):
    rows = [r for r in pickle.load(open(f'/tmp/cache_{which}.pkl', 'rb'))]
    return rows

VALID = [json.loads(l) for l in open('/work/shared/data/orangesum/valid.jsonl') if l.strip()]
_vt = None
def valid_texts():
    global _vt
    if _vt is None:
        _vt = [[s.text for s in clean.keep(split_sentences(r['article']))] for r in VALID]
    return _vt

def stack(rows, title, cols=None):
    X = np.vstack([r[1] if title else r[0] for r in rows])
    if cols is not None:
        X = X[:, cols]
    return X

def standardise(X):
    mean = X.mean(0); scale = X.std(0); scale[scale == 0] = 1
    return mean, scale

def design(X, mean, scale):
    return rank_news.expand((X - mean) / scale)

def fit_ridge(X, y, lam=1.0, groups=None):
    mean, scale = standardise(X)
    Z = design(X, mean, scale)
    Z = np.hstack([Z, np.ones((len(Z), 1))])
    A = Z.T @ Z + lam * np.diag(np.r_[np.ones(Z.shape[1]-1), 0])
    w = np.linalg.solve(A, Z.T @ y)
    return dict(mean=mean, scale=scale, weights=w[:-1], bias=w[-1])

def fit_logit(X, y):
    p = tr.fit(X, y)
    return {k: np.asarray(v) for k, v in p.items()}

def predict(p, X):
    return design(X, p['mean'], p['scale']) @ p['weights'] + p['bias']

def summaries(vrows, scores_list, sentences=2, words=55, chooser=None):
    out = []
    for texts, sc in zip(valid_texts(), scores_list):
        idx = (chooser or select.choose)(texts, sc, sentences, words) if chooser else select.choose(texts, sc, sentences, words)
        out.append(' '.join(texts[i] for i in idx))
    return out

def score_summaries(preds):
    r = evaluate.rouge(preds, [v['reference'] for v in VALID])
    return r.mean(0) * 100, r

def split_scores(vrows, s):
    out = []; k = 0
    for r in vrows:
        n = len(r[2]); out.append(s[k:k+n]); k += n
    return out

def groups_of(rows):
    sizes = np.array([len(r[2]) for r in rows])
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    return starts, sizes

def group_softmax(s, starts, sizes):
    mx = np.maximum.reduceat(s, starts)
    e = np.exp(s - np.repeat(mx, sizes))
    tot = np.add.reduceat(e, starts)
    return e / np.repeat(tot, sizes)

def fit_listnet(X, q, starts, sizes, l2=1e-3):
    """q: target distribution per group (sums to 1 in each group)."""
    from scipy.optimize import minimize
    mean, scale = standardise(X)
    Z = design(X, mean, scale)
    G = len(starts)
    def loss(w):
        s = Z @ w
        p = group_softmax(s, starts, sizes)
        value = -(q * np.log(p + 1e-300)).sum() / G
        grad = Z.T @ (p - q) / G
        return value + l2 / 2 * w @ w, grad + l2 * w
    r = minimize(loss, np.zeros(Z.shape[1]), jac=True, method='L-BFGS-B', options=dict(maxiter=500))
    print('listnet', r.nit, r.fun, file=sys.stderr)
    return dict(mean=mean, scale=scale, weights=r.x, bias=0.0)

def target_dist(y, starts, sizes, tau):
    return group_softmax(y / tau, starts, sizes)
import argparse
ap = argparse.ArgumentParser(); ap.add_argument('variants', nargs='+'); ap.add_argument('--n', type=int, default=8000)
ap.add_argument('--old', action='store_true'); ap.add_argument('--titles', default='01')
a = ap.parse_args()
trows = pickle.load(open('/tmp/train_cache.pkl','rb'))
rng = np.random.default_rng(0)
trows = [trows[i] for i in sorted(rng.choice(len(trows), min(a.n, len(trows)), replace=False))]
vrows = load('valid')
cols = list(range(20)) if a.old else None
st, sz = groups_of(trows)
R = np.vstack([r[3] for r in trows]); yo = np.concatenate([r[2] for r in trows])
ymean = R.mean(1)
for title in [bool(int(c)) for c in a.titles]:
    X = stack(trows, title, cols); XV = stack(vrows, title, cols)
    for v in a.variants:
        t = time.time()
        if v == 'logit': p = fit_logit(X, yo)
        elif v == 'soft':
            mx = np.repeat(np.maximum.reduceat(ymean, st), sz)
            p = fit_logit(X, 0.5 * yo + 0.5 * ymean / np.maximum(mx, 1e-9))
        elif v == 'ridge': p = fit_ridge(X, ymean, lam=10.0)
        elif v == 'ridgeL': p = fit_ridge(X, R[:, 2], lam=10.0)
        elif v.startswith('listnet'):
            tau = float(v[7:] or 0.05); p = fit_listnet(X, target_dist(ymean, st, sz, tau), st, sz)
        elif v.startswith('listL'):
            tau = float(v[5:] or 0.05); p = fit_listnet(X, target_dist(R[:, 2], st, sz, tau), st, sz)
        elif v == 'listoracle':
            q = yo.copy(); tot = np.add.reduceat(q, st); ok = np.repeat(tot, sz) > 0
            q = np.where(ok, q / np.maximum(np.repeat(tot, sz), 1e-9), 0.0)
            p = fit_listnet(X, q, st, sz)
        s = split_scores(vrows, predict(p, XV))
        m = score_summaries(summaries(vrows, s))[0]
        print(f"title={int(title)} {v:12s} old={a.old} n={a.n} R1 {m[0]:.2f} R2 {m[1]:.2f} RL {m[2]:.2f} ({time.time()-t:.0f}s)", flush=True)
        pickle.dump(p, open(f'/tmp/p_{v}_{int(title)}_{int(a.old)}_{a.n}.pkl', 'wb'))
