import GuitaiCore
