"""How the oracle tests feed a bundle's model to Python XGBoost: the data read and encoded as
Steward's BuildMatrix does it (schema.json's category dictionaries and feature types)."""
import numpy as np
import pandas as pd
import xgboost as xgb


def read(path, schema):
    categorical = [f["name"] for f in schema["features"] if f["kind"] == "categorical"]
    return pd.read_csv(path, dtype={name: str for name in categorical})


def encode(frame, schema):
    """The model matrix Steward builds: numbers as float32, categories as training codes."""
    columns = []
    for feature in schema["features"]:
        values = frame[feature["name"]]
        if feature["kind"] == "categorical":
            codes = {label: code for code, label in enumerate(feature["categories"])}
            columns.append(values.map(lambda v: codes.get(v, np.nan) if isinstance(v, str) else np.nan)
                           .astype(np.float64))
        elif feature["kind"] == "boolean":
            columns.append(values.map({True: 1.0, False: 0.0, "true": 1.0, "false": 0.0}).astype(np.float64))
        else:
            columns.append(values.astype(np.float64))
    return np.column_stack(columns).astype(np.float32)


def dmatrix(x, schema, label=None):
    return xgb.DMatrix(x, label=label, feature_names=[f["name"] for f in schema["features"]],
                       feature_types=[f["xgboost_type"] for f in schema["features"]],
                       enable_categorical=True, nthread=2)
