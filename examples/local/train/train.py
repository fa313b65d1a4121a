"""Logistic regression by gradient descent, standard library only.

Reads data/points.csv (x1, x2, label), trains, reports metrics through the
file named by AZUREML_METRICS_FILE (JSON lines), and writes the model to
outputs/model.json (the folder named by AZUREML_OUTPUTS_DIR).
"""
import argparse
import csv
import json
import math
import os
import time


def report(name, value, step=None):
    """Append one metric line to the run's metrics file."""
    line = {"name": name, "value": value, "time": time.time()}
    if step is not None:
        line["step"] = step
    with open(os.environ["AZUREML_METRICS_FILE"], "a") as f:
        f.write(json.dumps(line) + "\n")


def load(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    xs = [(float(r["x1"]), float(r["x2"])) for r in rows]
    ys = [int(r["label"]) for r in rows]
    return xs, ys


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--lr", type=float, default=0.1)
    args = parser.parse_args()

    xs, ys = load(os.path.join("data", "points.csv"))
    w, b = [0.0, 0.0], 0.0
    n = len(xs)
    for epoch in range(1, args.epochs + 1):
        gw, gb, loss = [0.0, 0.0], 0.0, 0.0
        for (x1, x2), y in zip(xs, ys):
            p = sigmoid(w[0] * x1 + w[1] * x2 + b)
            loss -= y * math.log(p + 1e-12) + (1 - y) * math.log(1 - p + 1e-12)
            gw[0] += (p - y) * x1
            gw[1] += (p - y) * x2
            gb += p - y
        w = [w[0] - args.lr * gw[0] / n, w[1] - args.lr * gw[1] / n]
        b -= args.lr * gb / n
        if epoch % 10 == 0:
            print(f"epoch {epoch:3d} loss {loss / n:.4f}", flush=True)
            report("loss", loss / n, epoch)

    correct = sum(int((sigmoid(w[0] * x1 + w[1] * x2 + b) >= 0.5) == bool(y)) for (x1, x2), y in zip(xs, ys))
    accuracy = correct / n
    print(f"accuracy {accuracy:.3f}", flush=True)
    report("accuracy", accuracy)

    out = os.environ.get("AZUREML_OUTPUTS_DIR", "outputs")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump({"weights": w, "bias": b}, f)
    print("model written to", os.path.join(out, "model.json"), flush=True)


if __name__ == "__main__":
    main()
